package io.cenotoo.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.kafka.client.common.TopicPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PollQueueTest {

  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);

  private final PollQueue queue = new PollQueue(3, 100, 1_000);
  private long sequence;

  /** Adds a batch with records {@code first..last} of each partition, given as {partition, first, last}. */
  private PolledBatch batch(Object... ranges) {
    Map<TopicPartition, Long> first = new HashMap<>();
    Map<TopicPartition, Long> next = new HashMap<>();
    int records = 0;
    for (int i = 0; i < ranges.length; i += 3) {
      TopicPartition partition = (TopicPartition) ranges[i];
      long from = ((Number) ranges[i + 1]).longValue();
      long to = ((Number) ranges[i + 2]).longValue();
      first.put(partition, from);
      next.put(partition, to + 1);
      records += (int) (to - from + 1);
    }
    PolledBatch batch = new PolledBatch(++sequence, records, records, first, next);
    queue.add(batch);
    return batch;
  }

  @Test
  void offsetsBecomeReadyInPollOrder() {
    PolledBatch a = batch(P0, 0, 9);
    PolledBatch b = batch(P0, 10, 19, P1, 0, 4);

    queue.succeeded(b);
    assertFalse(queue.hasReady(), "b must wait for a");

    queue.succeeded(a);
    assertEquals(Map.of(P0, 20L, P1, 5L), queue.takeReady());
    assertFalse(queue.hasReady());
    assertEquals(0, queue.batches());
  }

  @Test
  void failedBatchBlocksLaterOffsets() {
    PolledBatch a = batch(P0, 0, 9);
    PolledBatch b = batch(P0, 10, 19, P1, 0, 4);
    PolledBatch c = batch(P1, 5, 9);

    queue.succeeded(a);
    queue.failed(b);
    queue.succeeded(c);

    assertEquals(Map.of(P0, 10L), queue.takeReady());
    assertTrue(queue.hasFailed());
    assertTrue(queue.settled());
    assertEquals(Map.of(P0, 10L, P1, 0L), queue.takeUnwritten());
    assertEquals(0, queue.batches());
    assertEquals(0, queue.records());
  }

  @Test
  void settledOnlyWhenNoBatchIsWriting() {
    PolledBatch a = batch(P0, 0, 9);
    PolledBatch b = batch(P0, 10, 19);

    queue.failed(a);
    assertFalse(queue.settled());
    queue.succeeded(b);
    assertTrue(queue.settled());
  }

  @Test
  void roomIsBoundedByBatchesAndRecords() {
    assertTrue(queue.hasRoom());
    PolledBatch a = batch(P0, 0, 0);
    batch(P0, 1, 1);
    batch(P0, 2, 2);
    assertFalse(queue.hasRoom(), "three batches");

    queue.succeeded(a);
    assertTrue(queue.hasRoom());

    PollQueue small = new PollQueue(10, 100, 1_000);
    small.add(new PolledBatch(1, 100, 100, new HashMap<>(Map.of(P0, 0L)), new HashMap<>(Map.of(P0, 100L))));
    assertFalse(small.hasRoom(), "100 records");
  }

  @Test
  void byteBoundStopsPolling() {
    PollQueue large = new PollQueue(10, 100, 1_000);
    PolledBatch first = new PolledBatch(1, 2, 999, new HashMap<>(Map.of(P0, 0L)), new HashMap<>(Map.of(P0, 2L)));
    large.add(first);
    assertTrue(large.hasRoom(), "999 bytes");

    large.add(new PolledBatch(2, 1, 600, new HashMap<>(Map.of(P0, 2L)), new HashMap<>(Map.of(P0, 3L))));
    assertFalse(large.hasRoom(), "1,599 bytes");

    large.succeeded(first);
    assertTrue(large.hasRoom(), "600 bytes once the first poll was written");
  }

  @Test
  void forgetDropsRevokedPartitions() {
    PolledBatch a = batch(P0, 0, 9, P1, 0, 9);
    PolledBatch b = batch(P0, 10, 19, P1, 10, 19);
    queue.succeeded(a);

    queue.forget(Set.of(P1));
    queue.failed(b);

    assertEquals(Map.of(P0, 10L), queue.takeReady());
    assertEquals(Map.of(P0, 10L), queue.takeUnwritten());
  }

  @Test
  void deletedTopicIsNeverCommitted() {
    TopicPartition deleted = new TopicPartition("gone", 0);
    PolledBatch a = batch(P0, 0, 9, deleted, 0, 9);
    queue.succeeded(a);
    PolledBatch b = batch(deleted, 10, 19);
    PolledBatch c = batch(P0, 10, 19);

    assertTrue(queue.forgetTopic("gone"));
    assertFalse(queue.forgetTopic("gone"), "second call for the same topic");
    PolledBatch d = batch(deleted, 20, 29);
    queue.succeeded(b);
    queue.succeeded(c);
    queue.succeeded(d);

    assertEquals(Map.of(P0, 20L), queue.takeReady());
    assertEquals(0, queue.batches());
  }

  @Test
  void readyOffsetNeverMovesBack() {
    PolledBatch a = batch(P0, 50, 59);
    PolledBatch b = batch(P0, 40, 44);

    queue.succeeded(a);
    queue.succeeded(b);

    assertEquals(Map.of(P0, 60L), queue.takeReady());
  }
}
