package io.cenotoo.admin;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt password hashes (cost 12, about a quarter of a second each on this class of machine), so
 * they run on worker threads, never on an event loop.
 */
public final class Passwords {

  private static final int COST = 12;
  /** A hash of a random password, checked when a username is unknown so timing does not reveal it. */
  private static final String DECOY_HASH = BCrypt.withDefaults().hashToString(COST, "decoy-password-never-used".toCharArray());

  private final Vertx vertx;

  public Passwords(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> BCrypt.withDefaults().hashToString(COST, password.toCharArray()), false);
  }

  /** Succeeds with true when the password matches; a null hash is checked against a decoy. */
  public Future<Boolean> verify(String password, String hash) {
    String target = hash == null ? DECOY_HASH : hash;
    return vertx.executeBlocking(() -> {
      boolean match = BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
          target.getBytes(StandardCharsets.UTF_8)).verified;
      return match && hash != null;
    }, false);
  }
}
