package io.cenotoo.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.testing.SharedStack;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink's poll loop against the test run's Kafka, with a store that records which offsets it
 * wrote in place of Cassandra. While a test runs, a sampler checks that the group's committed offset
 * of each partition never passes the first offset that is not stored yet.
 */
class PollLoopTest {

  private static final int PARTITIONS = 2;
  /** Small polls, so that one test runs dozens of them. */
  private static final int MAX_POLL_RECORDS = 100;
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private static AdminClient admin;
  private Vertx vertx;
  private String topic;
  private String group;
  private final List<String> violations = new ArrayList<>();

  @BeforeAll
  static void connect() {
    admin = AdminClient.create(Map.of("bootstrap.servers", SharedStack.get().kafkaBootstrap()));
  }

  @AfterAll
  static void disconnect() {
    admin.close();
  }

  @BeforeEach
  void createTopic() throws Exception {
    vertx = Vertx.vertx();
    topic = "poll-loop-test-" + UUID.randomUUID();
    group = topic + "-group";
    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void deleteTopic() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
  }

  @Test
  void failedWriteIsReadAgainBeforeCommit() throws Exception {
    int perPartition = produce(3_000);
    FakeStore store = new FakeStore(5, 30);
    store.failOnce(0, 700);

    Running loop = start(store);
    awaitCommitted(store, perPartition);

    store.assertAllStored(perPartition);
    assertEquals(1, store.failures.get(), "the write of offset 700 should have failed once");
    assertTrue(store.timesStored(0, 700) >= 1, "offset 700 was never stored again");
    assertTrue(store.maxInFlight.get() >= 2, "polls never overlapped; max in flight " + store.maxInFlight.get());
    assertTrue(store.maxInFlight.get() <= PollLoop.MAX_BATCHES, "too many polls in flight: " + store.maxInFlight.get());
    assertEquals(List.of(), violations);
    loop.stop();
  }

  @Test
  void stopCommitsEveryWrittenPoll() throws Exception {
    produce(3_000);
    FakeStore store = new FakeStore(20, 60);

    Running loop = start(store);
    await(store, () -> store.storedCount() >= 500, "500 records stored");
    loop.stop();
    int callsAtStop = store.calls.get();

    Map<TopicPartition, Long> committed = committed();
    for (int partition = 0; partition < PARTITIONS; partition++) {
      long prefix = store.storedPrefix(partition);
      assertEquals(prefix, committed.getOrDefault(new TopicPartition(topic, partition), 0L),
          "partition " + partition + " should be committed up to its last stored record");
      assertEquals(prefix, store.highestStored(partition) + 1, "partition " + partition + " has a gap");
    }
    Thread.sleep(500);
    assertEquals(callsAtStop, store.calls.get(), "the loop wrote after it stopped");
    assertEquals(List.of(), violations);
  }

  /**
   * A commit runs after the poll queued before it. With idle polls of five seconds, a loop that
   * polled that long while writing would commit the last writes seconds late.
   */
  @Test
  void lastCommitNotDelayedByPoll() throws Exception {
    int perPartition = produce(200);
    FakeStore store = new FakeStore(300, 300);

    Running loop = start(store, Duration.ofSeconds(5));
    await(store, () -> store.storedCount() == 200, "every record stored");
    long storedAt = System.nanoTime();
    awaitCommitted(store, perPartition);

    long commitMillis = (System.nanoTime() - storedAt) / 1_000_000;
    assertTrue(commitMillis < 2_000, "the last writes were committed " + commitMillis + " ms after they were stored");
    assertEquals(List.of(), violations);
    loop.stop();
  }

  @Test
  void rebalanceLosesNoRecord() throws Exception {
    int perPartition = produce(12_000);
    FakeStore store = new FakeStore(100, 300);

    Running first = start(store);
    await(store, () -> store.storedCount() >= 500, "500 records stored");
    Running second = start(store);
    await(store, () -> second.assignment() == 1 && first.assignment() == 1, "one partition for each loop");
    await(store, () -> store.storedCount() >= 8_000, "8,000 records stored");
    assertTrue(store.storedCount() < 2 * perPartition, "the first loop must stop before the end");
    first.stop();
    awaitCommitted(store, perPartition);

    store.assertAllStored(perPartition);
    assertEquals(List.of(), violations);
    second.stop();
  }

  /** Sends {@code count} records spread evenly over the partitions and returns the count per partition. */
  private int produce(int count) {
    Map<String, Object> settings = Map.of("bootstrap.servers", SharedStack.get().kafkaBootstrap(),
        "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings)) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, i % PARTITIONS, "k" + i, "{\"i\":" + i + "}"));
      }
      producer.flush();
    }
    return count / PARTITIONS;
  }

  private Running start(FakeStore store) throws Exception {
    return start(store, PollLoop.POLL_TIMEOUT);
  }

  /** Creates a consumer and its loop on a new event-loop context, subscribes and starts polling. */
  private Running start(FakeStore store, Duration idlePollTimeout) throws Exception {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<Running> started = new CompletableFuture<>();
    context.runOnContext(v -> {
      KafkaConsumer<byte[], byte[]> consumer = KafkaConsumer.create(vertx, Map.of(
          "bootstrap.servers", SharedStack.get().kafkaBootstrap(),
          "group.id", group,
          "enable.auto.commit", "false",
          "auto.offset.reset", "earliest",
          "max.poll.records", String.valueOf(MAX_POLL_RECORDS),
          "key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
          "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"));
      PollLoop loop = new PollLoop(vertx, consumer, records -> store.store(vertx, records), idlePollTimeout);
      consumer.subscribe(topic)
          .onSuccess(done -> {
            loop.start();
            started.complete(new Running(context, consumer, loop));
          })
          .onFailure(started::completeExceptionally);
    });
    return started.get(30, TimeUnit.SECONDS);
  }

  /** Waits until every partition is committed to its end, checking the commits against the store meanwhile. */
  private void awaitCommitted(FakeStore store, int perPartition) throws Exception {
    await(store, () -> {
      Map<TopicPartition, Long> committed = committed();
      for (int partition = 0; partition < PARTITIONS; partition++) {
        if (committed.getOrDefault(new TopicPartition(topic, partition), 0L) < perPartition) {
          return false;
        }
      }
      return true;
    }, "every partition committed to offset " + perPartition);
  }

  /** Polls the condition every 50 ms, checking the committed offsets against the store each time. */
  private void await(FakeStore store, BooleanSupplier condition, String description) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      checkCommits(store);
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Timed out after " + TIMEOUT.toSeconds() + " s waiting for " + description);
  }

  /**
   * Records a violation when a committed offset is past the store's first missing offset. The
   * prefix is read after the commit, and it only grows, so a correct loop never trips this.
   */
  private void checkCommits(FakeStore store) {
    Map<TopicPartition, Long> committed = committed();
    committed.forEach((partition, offset) -> {
      long prefix = store.storedPrefix(partition.partition());
      if (offset > prefix) {
        violations.add("partition " + partition.partition() + " committed at " + offset + " but stored only below " + prefix);
      }
    });
  }

  private Map<TopicPartition, Long> committed() {
    try {
      Map<TopicPartition, Long> offsets = new HashMap<>();
      Map<TopicPartition, OffsetAndMetadata> listed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      listed.forEach((partition, offset) -> {
        if (offset != null) {
          offsets.put(partition, offset.offset());
        }
      });
      return offsets;
    } catch (Exception e) {
      throw new IllegalStateException("Listing the committed offsets of " + group + " failed", e);
    }
  }

  /** A started loop with its context and consumer. */
  private record Running(Context context, KafkaConsumer<byte[], byte[]> consumer, PollLoop loop) {

    /** Returns how many partitions the consumer owns now. */
    int assignment() {
      CompletableFuture<Integer> size = new CompletableFuture<>();
      context.runOnContext(v -> consumer.assignment()
          .onSuccess(partitions -> size.complete(partitions.size()))
          .onFailure(size::completeExceptionally));
      try {
        return size.get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("Reading the assignment failed", e);
      }
    }

    /** Stops the loop on its context, waits for it, then closes the consumer. */
    void stop() throws Exception {
      CompletableFuture<Void> stopped = new CompletableFuture<>();
      context.runOnContext(v -> loop.stop()
          .compose(done -> consumer.close())
          .onComplete(done -> stopped.complete(null)));
      stopped.get(60, TimeUnit.SECONDS);
    }
  }

  /**
   * Stores a poll after a random delay and counts each stored offset. Only a poll that succeeds
   * counts as stored. One chosen record can make the first poll that contains it fail.
   */
  private final class FakeStore {

    private final int minDelayMillis;
    private final int maxDelayMillis;
    private final Map<Integer, Map<Long, Integer>> stored = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    private int failPartition = -1;
    private long failOffset = -1;
    private final AtomicBoolean failed = new AtomicBoolean();

    FakeStore(int minDelayMillis, int maxDelayMillis) {
      this.minDelayMillis = minDelayMillis;
      this.maxDelayMillis = maxDelayMillis;
      for (int partition = 0; partition < PARTITIONS; partition++) {
        stored.put(partition, new ConcurrentHashMap<>());
      }
    }

    void failOnce(int partition, long offset) {
      failPartition = partition;
      failOffset = offset;
    }

    Future<Void> store(Vertx vertx, KafkaConsumerRecords<byte[], byte[]> records) {
      calls.incrementAndGet();
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      boolean fail = false;
      for (int i = 0; i < records.size(); i++) {
        if (records.recordAt(i).partition() == failPartition && records.recordAt(i).offset() == failOffset
            && failed.compareAndSet(false, true)) {
          fail = true;
        }
      }
      boolean failThisPoll = fail;
      Promise<Void> done = Promise.promise();
      vertx.setTimer(ThreadLocalRandom.current().nextInt(minDelayMillis, maxDelayMillis + 1), id -> {
        inFlight.decrementAndGet();
        if (failThisPoll) {
          failures.incrementAndGet();
          done.fail(new IllegalStateException("injected write failure"));
          return;
        }
        for (int i = 0; i < records.size(); i++) {
          stored.get(records.recordAt(i).partition()).merge(records.recordAt(i).offset(), 1, Integer::sum);
        }
        done.complete();
      });
      return done.future();
    }

    /** Returns the first offset of the partition that is not stored. */
    long storedPrefix(int partition) {
      Map<Long, Integer> offsets = stored.get(partition);
      long offset = 0;
      while (offsets.containsKey(offset)) {
        offset++;
      }
      return offset;
    }

    long highestStored(int partition) {
      return stored.get(partition).keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    int timesStored(int partition, long offset) {
      return stored.get(partition).getOrDefault(offset, 0);
    }

    int storedCount() {
      return stored.values().stream().mapToInt(Map::size).sum();
    }

    void assertAllStored(int perPartition) {
      for (int partition = 0; partition < PARTITIONS; partition++) {
        Set<Long> offsets = stored.get(partition).keySet();
        assertEquals(perPartition, offsets.size(), "stored offsets of partition " + partition);
        assertEquals(perPartition, storedPrefix(partition), "first missing offset of partition " + partition);
      }
    }
  }
}
