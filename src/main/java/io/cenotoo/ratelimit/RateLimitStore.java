package io.cenotoo.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Future;

/**
 * Storage of the token buckets. {@link LocalRateLimitStore} keeps them in this process, so each
 * node counts on its own; {@link ClusterRateLimitStore} keeps them in the Hazelcast cluster of the
 * event bus, so the limits hold across every API node.
 */
public interface RateLimitStore {

  /** Takes one token from the bucket {@code key}, creating it with {@code limit} when it is new. */
  Future<ConsumptionProbe> tryConsume(String key, RateLimit limit);
}
