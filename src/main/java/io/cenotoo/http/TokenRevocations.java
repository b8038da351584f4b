package io.cenotoo.http;

import io.cenotoo.bus.Address;
import io.cenotoo.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rejects revoked access tokens. Each token is checked with the admin owner, and the result is cached
 * for {@code TOKEN_CHECK_CACHE_SECONDS}. A revocation published on {@link Address#TOKENS_REVOKED}
 * drops the cached result at once. The check fails closed: when the owner does not reply, the
 * request gets 503 instead of being let through. Use from one verticle's event loop only.
 */
final class TokenRevocations implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(TokenRevocations.class);
  private static final int MAX_CACHED_TOKENS = 10_000;

  private final Vertx vertx;
  private final long cacheMillis;
  private final long timeoutMillis;
  private final Map<String, Cached> cache = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
      return size() > MAX_CACHED_TOKENS;
    }
  };

  TokenRevocations(Vertx vertx, long cacheMillis, long timeoutMillis) {
    this.vertx = vertx;
    this.cacheMillis = cacheMillis;
    this.timeoutMillis = timeoutMillis;
    vertx.eventBus().<JsonObject>consumer(Address.TOKENS_REVOKED, message -> forget(message.body()));
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject claims = tokenClaims(ctx.user());
    if (claims == null) {
      ctx.next();
      return;
    }

    isRevoked(claims).onComplete(done -> {
      if (done.failed()) {
        LOG.warn("Token revocation check failed [request: {}]", RequestLog.requestId(ctx), done.cause());
        ctx.response().putHeader("Retry-After", FailureHandler.RETRY_AFTER_SECONDS);
        ctx.fail(new ApiException(503, "The service cannot check this token right now; retry later."));
      } else if (done.result()) {
        ctx.fail(ApiException.unauthorized("This token was revoked or its user changed; log in again with "
            + "POST /api/v1/token."));
      } else {
        ctx.next();
      }
    });
  }

  private Future<Boolean> isRevoked(JsonObject claims) {
    String jti = claims.getString("jti", "");
    Cached cached = cache.get(jti);
    if (cached != null && cached.expiresAt > System.currentTimeMillis()) {
      return Future.succeededFuture(cached.revoked);
    }

    JsonObject question = new JsonObject().put("jti", claims.getString("jti")).put("sub", claims.getString("sub"))
        .put("iat", claims.getLong("iat", 0L));
    return vertx.eventBus().<JsonObject>request(Address.ADMIN_CHECK_TOKEN, question,
            new DeliveryOptions().setSendTimeout(timeoutMillis))
        .map(reply -> {
          boolean revoked = reply.body().getBoolean("revoked", true);
          cache.put(jti, new Cached(claims.getString("sub"), revoked, System.currentTimeMillis() + cacheMillis));
          return revoked;
        });
  }

  private void forget(JsonObject revocation) {
    String jti = revocation.getString("jti");
    String username = revocation.getString("username");
    if (jti != null) {
      cache.remove(jti);
    }
    if (username != null) {
      cache.values().removeIf(cached -> username.equals(cached.username));
    }
  }

  /** Returns the claims of a JWT caller, or null for API-key callers and public routes. */
  private static JsonObject tokenClaims(User user) {
    if (user == null || user.attributes().containsKey(ApiKeyAuthenticator.PRINCIPAL_ATTRIBUTE)) {
      return null;
    }
    // vertx-auth-jwt 5 keeps the full payload in the accessToken attribute; the principal lacks exp and iat.
    JsonObject payload = user.attributes().getJsonObject("accessToken");
    return payload != null ? payload : user.principal();
  }

  private record Cached(String username, boolean revoked, long expiresAt) {
  }
}
