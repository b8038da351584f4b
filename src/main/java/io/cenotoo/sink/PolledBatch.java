package io.cenotoo.sink;

import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * The offsets of the records of one poll, per topic partition: the first offset, where a rewind
 * starts reading again, and the last offset plus one, which a commit stores.
 */
final class PolledBatch {

  enum State { WRITING, SUCCEEDED, FAILED }

  private final long sequence;
  private final int records;
  private final long bytes;
  private final Map<TopicPartition, Long> firstOffsets;
  private final Map<TopicPartition, Long> nextOffsets;
  private State state = State.WRITING;

  /** Takes mutable maps, which {@link #forget} changes. */
  PolledBatch(long sequence, int records, long bytes, Map<TopicPartition, Long> firstOffsets,
      Map<TopicPartition, Long> nextOffsets) {
    this.sequence = sequence;
    this.records = records;
    this.bytes = bytes;
    this.firstOffsets = firstOffsets;
    this.nextOffsets = nextOffsets;
  }

  /** Reads the offsets of a poll, in which the consumer returns each partition's records in offset order. */
  static PolledBatch of(long sequence, KafkaConsumerRecords<byte[], byte[]> polled) {
    Map<TopicPartition, Long> first = new HashMap<>();
    Map<TopicPartition, Long> next = new HashMap<>();
    ConsumerRecords<byte[], byte[]> records = polled.records();
    long bytes = 0;
    for (org.apache.kafka.common.TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> partitionRecords = records.records(partition);
      if (partitionRecords.isEmpty()) {
        continue;
      }
      TopicPartition key = new TopicPartition(partition.topic(), partition.partition());
      first.put(key, partitionRecords.get(0).offset());
      next.put(key, partitionRecords.get(partitionRecords.size() - 1).offset() + 1);
      for (ConsumerRecord<byte[], byte[]> record : partitionRecords) {
        bytes += Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
      }
    }
    return new PolledBatch(sequence, polled.size(), bytes, first, next);
  }

  /** Returns the poll's number in this sink's life, for logs. */
  long sequence() {
    return sequence;
  }

  int records() {
    return records;
  }

  /** Returns the uncompressed bytes of the poll's keys and values. */
  long bytes() {
    return bytes;
  }

  Map<TopicPartition, Long> firstOffsets() {
    return firstOffsets;
  }

  Map<TopicPartition, Long> nextOffsets() {
    return nextOffsets;
  }

  State state() {
    return state;
  }

  void state(State state) {
    this.state = state;
  }

  /** Drops the offsets of partitions that must not be committed or sought any more. */
  void forget(Predicate<TopicPartition> partitions) {
    firstOffsets.keySet().removeIf(partitions);
    nextOffsets.keySet().removeIf(partitions);
  }

  @Override
  public String toString() {
    return "poll " + sequence + " (" + records + " records from offsets " + firstOffsets + ")";
  }
}
