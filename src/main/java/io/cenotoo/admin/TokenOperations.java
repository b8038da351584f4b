package io.cenotoo.admin;

import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.bus.Address;
import io.cenotoo.bus.Requests;
import io.cenotoo.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Refresh, revocation and the revocation check of tokens. A revoked {@code jti} is stored with a TTL
 * of the token's remaining lifetime, so the table never grows past the live tokens. A user's tokens
 * also end when the user is deleted or when its password changes ({@code tokens_valid_after}).
 */
final class TokenOperations {

  private static final String INVALID_REFRESH =
      "Invalid, expired or already used refresh token; log in again with POST /api/v1/token.";

  private final Vertx vertx;
  private final MetadataStore store;
  private final Tokens tokens;

  TokenOperations(Vertx vertx, MetadataStore store, Tokens tokens) {
    this.vertx = vertx;
    this.store = store;
    this.tokens = tokens;
  }

  /**
   * Exchanges a refresh token for a new access and refresh token. The old refresh token is revoked
   * with a lightweight transaction, so of two concurrent uses of one refresh token only one succeeds.
   */
  Future<Object> refresh(JsonObject request) {
    String token = Requests.body(request).getString("refresh_token");

    return verifyOrUnauthorized(token, INVALID_REFRESH)
        .compose(claims -> {
          if (!"refresh".equals(claims.getString("type"))) {
            throw ApiException.unauthorized("This token is not a refresh token; send the refresh_token from "
                + "POST /api/v1/token.");
          }
          return liveUser(claims).compose(user -> store.claim("token.claim", claims.getString("jti"), ttlOf(claims))
              .map(claimed -> {
                if (!claimed) {
                  throw ApiException.unauthorized(INVALID_REFRESH);
                }
                return tokens.issuePair(user.getString("username"), user.getString("role"),
                    user.getUuid("organization_id"));
              }));
        });
  }

  /**
   * Revokes an access or refresh token. The token is its own proof, so any holder of a valid token
   * may revoke it. Invalid or expired tokens get 401, so a client learns that nothing was revoked.
   */
  Future<Object> revoke(JsonObject request) {
    String token = Requests.body(request).getString("token");

    return verifyOrUnauthorized(token, "Invalid or expired token; nothing was revoked.")
        .compose(claims -> store.write("token.revoke", claims.getString("jti"), ttlOf(claims))
            .map(v -> {
              vertx.eventBus().publish(Address.TOKENS_REVOKED, new JsonObject().put("jti", claims.getString("jti")));
              return new JsonObject().put("message", "Token revoked successfully");
            }));
  }

  /**
   * Replies {@code {"revoked": true}} when the token's {@code jti} is revoked, its user no longer
   * exists, or it was issued before the user's {@code tokens_valid_after}. The HTTP verticle requests
   * this check for every access token that it has not checked in the last few seconds.
   */
  Future<Object> check(JsonObject request) {
    String jti = request.getString("jti");
    String username = request.getString("sub");
    long issuedAt = request.getLong("iat", 0L);

    Future<Row> revoked = jti == null ? Future.succeededFuture() : store.one("token.get", jti);
    Future<Row> user = store.one("user.get", username);
    return Future.all(revoked, user).map(done -> new JsonObject()
        .put("revoked", jti == null || revoked.result() != null || !issuedAfterCutoff(user.result(), issuedAt)));
  }

  private Future<Row> liveUser(JsonObject claims) {
    return store.one("user.get", claims.getString("sub")).map(user -> {
      if (!issuedAfterCutoff(user, claims.getLong("iat", 0L))) {
        throw ApiException.unauthorized(INVALID_REFRESH);
      }
      return user;
    });
  }

  private Future<JsonObject> verifyOrUnauthorized(String token, String detail) {
    return tokens.verify(token).recover(failure -> Future.failedFuture(ApiException.unauthorized(detail)))
        .map(claims -> {
          if (claims.getString("jti") == null || claims.getString("sub") == null) {
            throw ApiException.unauthorized(detail);
          }
          return claims;
        });
  }

  /**
   * Returns true when the user exists and the token was issued no earlier than the user's cutoff.
   * NOTE: {@code iat} has whole seconds, so a token issued in the same second as a password change
   * stays valid.
   */
  static boolean issuedAfterCutoff(Row user, long issuedAtSeconds) {
    if (user == null) {
      return false;
    }
    Instant cutoff = user.getInstant("tokens_valid_after");
    return cutoff == null || issuedAtSeconds >= cutoff.getEpochSecond();
  }

  /** Returns the remaining lifetime of a token in seconds, at least 1 because a TTL of 0 means no expiry. */
  private static int ttlOf(JsonObject claims) {
    long remaining = claims.getLong("exp", 0L) - Instant.now().getEpochSecond();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, remaining));
  }
}
