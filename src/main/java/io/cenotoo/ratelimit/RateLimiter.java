package io.cenotoo.ratelimit;

import io.cenotoo.error.ApiException;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Applies the default limit to every request of a client, and the auth limit in addition to the
 * token paths, each path counted on its own. Every response carries {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds until the bucket is full again)
 * of the tightest limit that applied; a rejected request gets 429 with {@code Retry-After}.
 */
public final class RateLimiter implements Handler<RoutingContext> {

  /** Paths under {@code RATE_LIMIT_AUTH}: password login and token refresh. */
  public static final Set<String> AUTH_PATHS = Set.of("/api/v1/token", "/api/v1/token/refresh");

  private final RateLimitStore store;
  private final RateLimit defaultLimit;
  private final RateLimit authLimit;
  private final boolean trustForwardedFor;
  /** Bucket-key prefixes naming each limit, built once because every request needs one. */
  private final String defaultKeyPrefix;
  private final String authKeyPrefix;

  public RateLimiter(RateLimitStore store, RateLimit defaultLimit, RateLimit authLimit, boolean trustForwardedFor) {
    this.store = store;
    this.defaultLimit = defaultLimit;
    this.authLimit = authLimit;
    this.trustForwardedFor = trustForwardedFor;
    this.defaultKeyPrefix = "default|" + defaultLimit + "|";
    this.authKeyPrefix = "auth|" + authLimit + "|";
  }

  @Override
  public void handle(RoutingContext ctx) {
    String client = clientOf(ctx.request());
    String path = ctx.request().path();

    consume(defaultKeyPrefix + client, defaultLimit)
        .compose(verdict -> verdict.probe.isConsumed() && AUTH_PATHS.contains(path)
            ? consume(authKeyPrefix + client + "|" + path, authLimit).map(auth -> tighter(verdict, auth))
            : Future.succeededFuture(verdict))
        .onSuccess(verdict -> decide(ctx, verdict))
        .onFailure(ctx::fail);
  }

  private static Verdict tighter(Verdict general, Verdict auth) {
    return auth.probe.getRemainingTokens() <= general.probe.getRemainingTokens() || !auth.probe.isConsumed()
        ? auth : general;
  }

  private static void decide(RoutingContext ctx, Verdict verdict) {
    writeHeaders(ctx, verdict);
    if (!verdict.probe.isConsumed()) {
      long retryAfter = Math.max(1, ceilSeconds(verdict.probe.getNanosToWaitForRefill()));
      ctx.response().putHeader("Retry-After", String.valueOf(retryAfter));
      ctx.fail(new ApiException(429, "Too many requests from this client: the limit is " + verdict.limit.capacity()
          + " per " + verdict.limit.period().toSeconds() + " s; retry after " + retryAfter + " s."));
      return;
    }
    ctx.next();
  }

  /** Returns the client address: the first X-Forwarded-For entry when trusted, else the socket peer. */
  String clientOf(HttpServerRequest request) {
    if (trustForwardedFor) {
      String forwarded = request.getHeader("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        return forwarded.split(",")[0].trim();
      }
    }
    SocketAddress peer = request.remoteAddress();
    return peer == null ? "unknown" : peer.hostAddress();
  }

  private Future<Verdict> consume(String key, RateLimit limit) {
    return store.tryConsume(key, limit).map(probe -> new Verdict(limit, probe));
  }

  private static void writeHeaders(RoutingContext ctx, Verdict verdict) {
    ctx.response()
        .putHeader("RateLimit-Limit", String.valueOf(verdict.limit.capacity()))
        .putHeader("RateLimit-Remaining", String.valueOf(verdict.probe.getRemainingTokens()))
        .putHeader("RateLimit-Reset", String.valueOf(ceilSeconds(verdict.probe.getNanosToWaitForReset())));
  }

  private static long ceilSeconds(long nanos) {
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }

  private record Verdict(RateLimit limit, ConsumptionProbe probe) {
  }
}
