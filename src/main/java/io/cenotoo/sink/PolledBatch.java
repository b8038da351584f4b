package io.cenotoo.sink;

import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The offsets of the records of one poll, per topic partition: the first offset, where a rewind
 * starts reading again, and the last offset plus one, which a commit stores.
 */
final class PolledBatch {

  enum State { WRITING, SUCCEEDED, FAILED }

  private final long sequence;
  private final int records;
  private final Map<TopicPartition, Long> firstOffsets;
  private final Map<TopicPartition, Long> nextOffsets;
  private State state = State.WRITING;

  /** Takes mutable maps, which {@link #forget} changes. */
  PolledBatch(long sequence, int records, Map<TopicPartition, Long> firstOffsets, Map<TopicPartition, Long> nextOffsets) {
    this.sequence = sequence;
    this.records = records;
    this.firstOffsets = firstOffsets;
    this.nextOffsets = nextOffsets;
  }

  static PolledBatch of(long sequence, KafkaConsumerRecords<byte[], byte[]> polled) {
    Map<TopicPartition, Long> first = new HashMap<>();
    Map<TopicPartition, Long> next = new HashMap<>();
    for (int i = 0; i < polled.size(); i++) {
      KafkaConsumerRecord<byte[], byte[]> record = polled.recordAt(i);
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      first.merge(partition, record.offset(), Math::min);
      next.merge(partition, record.offset() + 1, Math::max);
    }
    return new PolledBatch(sequence, polled.size(), first, next);
  }

  /** Returns the poll's number in this sink's life, for logs. */
  long sequence() {
    return sequence;
  }

  int records() {
    return records;
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
