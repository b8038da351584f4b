package io.cenotoo.http;

import io.cenotoo.admin.ApiKeys;
import io.cenotoo.bus.Address;
import io.cenotoo.bus.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.web.handler.HttpException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Authenticates {@code X-API-Key} values by asking the admin owner for the key's project and type.
 * Resolved keys are cached for {@code API_KEY_CACHE_SECONDS}. A deleted or regenerated key is dropped
 * from the cache as soon as the admin owner's event arrives, on every node of the cluster. The
 * cache time bounds how long it keeps working when that event is lost.
 */
final class ApiKeyAuthenticator implements AuthenticationProvider {

  static final String PRINCIPAL_ATTRIBUTE = "cenotoo.principal";
  private static final int MAX_CACHED_KEYS = 10_000;

  private final Vertx vertx;
  private final ApiKeys apiKeys;
  private final long cacheMillis;
  private final long timeoutMillis;
  private final Map<String, Cached> cache = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
      return size() > MAX_CACHED_KEYS;
    }
  };

  ApiKeyAuthenticator(Vertx vertx, ApiKeys apiKeys, long cacheMillis, long timeoutMillis) {
    this.vertx = vertx;
    this.apiKeys = apiKeys;
    this.cacheMillis = cacheMillis;
    this.timeoutMillis = timeoutMillis;
    vertx.eventBus().<JsonObject>consumer(Address.API_KEY_REMOVED, event -> cache.remove(event.body().getString("hash")));
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    if (!(credentials instanceof TokenCredentials token) || !ApiKeys.isWellFormed(token.getToken())) {
      return Future.failedFuture(new HttpException(401, "API keys are 64 lowercase hexadecimal characters."));
    }
    String hash = apiKeys.hash(token.getToken());

    Cached cached = cache.get(hash);
    long now = System.currentTimeMillis();
    if (cached != null && cached.expiresAt > now) {
      return Future.succeededFuture(toUser(cached.principal));
    }

    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMillis);
    return vertx.eventBus().<JsonObject>request(Address.ADMIN_RESOLVE_KEY, new JsonObject().put("hash", hash), options)
        .recover(failure -> {
          if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
              && reply.failureCode() == 404) {
            cache.remove(hash);
            return Future.failedFuture(new HttpException(401, "Unknown API key."));
          }
          return Future.failedFuture(failure);
        })
        .map(reply -> {
          Principal principal = Principal.fromJson(reply.body());
          cache.put(hash, new Cached(principal, System.currentTimeMillis() + cacheMillis));
          return toUser(principal);
        });
  }

  private static User toUser(Principal principal) {
    User user = User.create(principal.toJson());
    user.attributes().put(PRINCIPAL_ATTRIBUTE, principal.toJson());
    return user;
  }

  private record Cached(Principal principal, long expiresAt) {
  }
}
