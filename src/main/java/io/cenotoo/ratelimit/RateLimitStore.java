package io.cenotoo.ratelimit;

import io.github.bucket4j.ConsumptionProbe;

/**
 * Storage of the token buckets. {@link LocalRateLimitStore} keeps them in this process, so each
 * node counts on its own. A cluster-wide store can implement this interface with a Bucket4j
 * {@code ProxyManager} ({@code proxyManager.builder().build(key, configuration)}) over a shared
 * database, without changing {@link RateLimiter}.
 */
public interface RateLimitStore {

  /** Takes one token from the bucket {@code key}, creating it with {@code limit} when it is new. */
  ConsumptionProbe tryConsume(String key, RateLimit limit);
}
