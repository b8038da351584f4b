package io.cenotoo.sink;

import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import io.cenotoo.kafka.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the records that the sink cannot store to {@link Topics#DEAD_LETTER}, so that they are kept
 * and the records after them are stored. A dead letter has the record's key, value and headers,
 * plus {@link Topics#HEADER_ERROR} with the reason and {@link Topics#HEADER_SOURCE} with its topic,
 * partition and offset. Use from the sink's event loop.
 *
 * <p>NOTE: a poll that fails for another reason after some of its records moved is read again and
 * moves them again, so a dead letter may appear twice. Nothing replays dead letters yet.
 */
final class DeadLetters {

  /** Characters of a failure message kept in the error header. */
  private static final int MAX_REASON_LENGTH = 2_000;
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final KafkaProducer<byte[], byte[]> producer;
  private final Counter moved;

  DeadLetters(KafkaProducer<byte[], byte[]> producer, MeterRegistry registry) {
    this.producer = producer;
    this.moved = Counter.builder("cenotoo.sink.records.dead.lettered")
        .description("Records moved to the dead-letter topic because they could not be stored").register(registry);
  }

  /**
   * Returns whether Cassandra rejected a statement as invalid, which every retry of the same rows
   * meets again, such as a column that an operator dropped from a collection's table. A failed
   * authorization is left out, because it stops every write until the grants are fixed.
   */
  static boolean rejectedByCassandra(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof QueryValidationException && !(cause instanceof UnauthorizedException)) {
        return true;
      }
    }
    return false;
  }

  /** Publishes the record as a dead letter and completes once Kafka acknowledged it. */
  Future<Void> move(KafkaConsumerRecord<byte[], byte[]> record, UUID collectionId, String reason) {
    String source = record.topic() + "/" + record.partition() + "@" + record.offset();
    String error = reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
    LOG.error("Moving a record that cannot be stored to {} [collection: {}, source: {}]: {}",
        Topics.DEAD_LETTER, collectionId, source, error);

    KafkaProducerRecord<byte[], byte[]> letter = KafkaProducerRecord.create(Topics.DEAD_LETTER, record.key(), record.value());
    letter.addHeaders(record.headers());
    letter.addHeader(Topics.HEADER_ERROR, error);
    letter.addHeader(Topics.HEADER_SOURCE, source);
    return producer.send(letter)
        .onSuccess(metadata -> moved.increment())
        .onFailure(failure -> LOG.warn("Publishing a dead letter failed; its poll will be read again"
            + " [collection: {}, source: {}]", collectionId, source, failure))
        .mapEmpty();
  }
}
