package io.cenotoo.ratelimit;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Token buckets in a Hazelcast map of the event-bus cluster, so a client gets its limit once across
 * every API node, not once per node. Bucket4j updates a bucket with an entry processor on the member
 * that owns the key, which costs one network round trip per request. The call is asynchronous, so
 * no event loop waits. Buckets expire once they are full again, so idle clients use no memory.
 */
public final class ClusterRateLimitStore implements RateLimitStore {

  /** The Hazelcast map of the buckets; {@code Cluster} registers Bucket4j's serializers for it. */
  public static final String MAP_NAME = "cenotoo.rate-limits";

  private final Vertx vertx;
  private final AsyncProxyManager<String> buckets;

  public ClusterRateLimitStore(Vertx vertx, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    IMap<String, byte[]> map = hazelcast.getMap(MAP_NAME);
    this.buckets = Bucket4jHazelcast.entryProcessorBasedBuilder(map)
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
        .build()
        .asAsync();
  }

  @Override
  public Future<ConsumptionProbe> tryConsume(String key, RateLimit limit) {
    BucketConfiguration configuration = BucketConfiguration.builder().addLimit(limit.bandwidth()).build();
    return Future.fromCompletionStage(buckets.getProxy(key, () -> CompletableFuture.completedFuture(configuration))
        .tryConsumeAndReturnRemaining(1), vertx.getOrCreateContext());
  }
}
