package io.cenotoo.sink;

import io.cenotoo.sink.PolledBatch.State;
import io.vertx.kafka.client.common.TopicPartition;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The sink's polled batches in poll order, from the poll until their offsets are ready to commit.
 * A batch's offsets become ready only when it and every earlier batch were written, so a commit
 * never covers a record that was not stored. A failed batch stays at the head and blocks every
 * later batch until {@link #takeUnwritten} rewinds them. Use from one event loop.
 */
final class PollQueue {

  /** Deleted topics remembered, far more than the collections deleted while a sink catches up. */
  static final int MAX_DELETED_TOPICS = 1_000;

  private final int maxBatches;
  private final int maxRecords;
  private final long maxBytes;
  private final ArrayDeque<PolledBatch> batches = new ArrayDeque<>();
  /** Offsets to commit: per partition, the last written offset plus one. */
  private final Map<TopicPartition, Long> ready = new HashMap<>();
  /** Topics of deleted collections, whose offsets are dropped instead of committed. */
  private final Set<String> deletedTopics = Collections.newSetFromMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_DELETED_TOPICS;
    }
  });
  private int records;
  private long bytes;

  PollQueue(int maxBatches, int maxRecords, long maxBytes) {
    this.maxBatches = maxBatches;
    this.maxRecords = maxRecords;
    this.maxBytes = maxBytes;
  }

  /**
   * Returns whether another poll may start. The record and byte bounds are checked before the poll,
   * so the queue can exceed them by one poll's records (max.poll.records).
   */
  boolean hasRoom() {
    return batches.size() < maxBatches && records < maxRecords && bytes < maxBytes;
  }

  void add(PolledBatch batch) {
    batches.addLast(batch);
    records += batch.records();
    bytes += batch.bytes();
  }

  void succeeded(PolledBatch batch) {
    batch.state(State.SUCCEEDED);
    while (!batches.isEmpty() && batches.peekFirst().state() == State.SUCCEEDED) {
      PolledBatch head = batches.pollFirst();
      records -= head.records();
      bytes -= head.bytes();
      // Offsets only grow while this sink owns a partition: a reassigned partition was first
      // revoked, and forget() removed its older offsets. max() keeps a commit from going back anyway.
      head.nextOffsets().forEach((partition, next) -> {
        if (!deletedTopics.contains(partition.getTopic())) {
          ready.merge(partition, next, Math::max);
        }
      });
    }
  }

  /** Marks a batch that failed or that was never written. */
  void failed(PolledBatch batch) {
    batch.state(State.FAILED);
  }

  /** Returns whether no batch is still being written. */
  boolean settled() {
    return batches.stream().noneMatch(batch -> batch.state() == State.WRITING);
  }

  boolean hasFailed() {
    return batches.stream().anyMatch(batch -> batch.state() == State.FAILED);
  }

  boolean hasReady() {
    return !ready.isEmpty();
  }

  /** Returns the offsets ready to commit and clears them. */
  Map<TopicPartition, Long> takeReady() {
    Map<TopicPartition, Long> offsets = new HashMap<>(ready);
    ready.clear();
    return offsets;
  }

  /**
   * Returns, per partition, the first offset of the queued batches, which is where reading must
   * start again so that no unwritten record is skipped, and empties the queue. Call once every batch
   * settled and after {@link #takeReady}, whose offsets stay valid.
   */
  Map<TopicPartition, Long> takeUnwritten() {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    batches.forEach(batch -> batch.firstOffsets().forEach((partition, first) -> offsets.merge(partition, first, Math::min)));
    batches.clear();
    records = 0;
    bytes = 0;
    return offsets;
  }

  /**
   * Drops every offset of partitions that this sink no longer owns. Their new owner reads them from
   * the last committed offset, and a commit of them here could move its progress back.
   */
  void forget(Set<TopicPartition> partitions) {
    ready.keySet().removeAll(partitions);
    batches.forEach(batch -> batch.forget(partitions::contains));
  }

  /**
   * Drops every offset of a deleted topic, now and in later batches. The kafka-clients 3.7
   * commitSync retries a commit that names a deleted topic until default.api.timeout.ms ends, and
   * the consumer cannot poll meanwhile. Returns false when the topic was already known as deleted.
   */
  boolean forgetTopic(String topic) {
    ready.keySet().removeIf(partition -> partition.getTopic().equals(topic));
    batches.forEach(batch -> batch.forget(partition -> partition.getTopic().equals(topic)));
    return deletedTopics.add(topic);
  }

  int batches() {
    return batches.size();
  }

  int records() {
    return records;
  }
}
