package io.cenotoo.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Future;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * In-memory buckets, at most {@code maxBuckets}; the least recently used bucket is dropped first,
 * which only resets that client's count. One store serves every HTTP verticle of a node, so the
 * limits hold per node, not per verticle instance. Thread-safe.
 */
public final class LocalRateLimitStore implements RateLimitStore {

  private final Map<String, Bucket> buckets;

  public LocalRateLimitStore(int maxBuckets) {
    this.buckets = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > maxBuckets;
      }
    });
  }

  @Override
  public Future<ConsumptionProbe> tryConsume(String key, RateLimit limit) {
    Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(limit.bandwidth()).build());
    return Future.succeededFuture(bucket.tryConsumeAndReturnRemaining(1));
  }
}
