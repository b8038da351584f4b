package io.cenotoo.admin;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * bcrypt password hashes (cost 12, about a quarter of a second each on this class of machine), so
 * they run on worker threads, never on an event loop.
 */
public final class Passwords {

  private static final int COST = 12;
  /** bcrypt reads at most 72 bytes of a password. */
  public static final int MAX_BYTES = 72;
  /** A hash of a random password, checked when a username is unknown so timing does not reveal it. */
  private static final String DECOY_HASH = BCrypt.withDefaults().hashToString(COST, "decoy-password-never-used".toCharArray());

  private final Vertx vertx;

  public Passwords(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> BCrypt.withDefaults().hashToString(COST, password.toCharArray()), false);
  }

  /**
   * Succeeds with true when the password matches; a null hash is checked against a decoy. A password
   * above {@link #MAX_BYTES} never matches, because no stored password can be that long, but it
   * still costs one bcrypt check so its length does not show in the timing.
   */
  public Future<Boolean> verify(String password, String hash) {
    byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
    boolean tooLong = bytes.length > MAX_BYTES;
    String target = hash == null || tooLong ? DECOY_HASH : hash;
    byte[] checked = tooLong ? Arrays.copyOf(bytes, MAX_BYTES) : bytes;
    return vertx.executeBlocking(() -> {
      boolean match = BCrypt.verifyer().verify(checked, target.getBytes(StandardCharsets.UTF_8)).verified;
      return match && hash != null && !tooLong;
    }, false);
  }
}
