package io.cenotoo.ingest;

import io.cenotoo.bus.Address;
import io.cenotoo.bus.CollectionResolver;
import io.cenotoo.bus.Headers;
import io.cenotoo.bus.LoopLocal;
import io.cenotoo.bus.Replies;
import io.cenotoo.bus.ResolvedCollection;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.cenotoo.kafka.KafkaSettings;
import io.cenotoo.kafka.Topics;
import io.cenotoo.metrics.Metrics;
import io.cenotoo.schema.EncodedBatch;
import io.cenotoo.schema.ValidatedBatch;
import io.cenotoo.tracing.Tracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner of send_data. Its instances, one per event loop next to HTTP verticles (see
 * {@link LoopLocal}), share the node's two Kafka producers, one compressing the records under
 * {@link KafkaSettings#UNCOMPRESSED_FROM_BYTES} and one for larger records. It validates the whole
 * batch against the collection's schema (one bad record rejects the batch, so nothing is published), and replies
 * only after Kafka acknowledged every record. Valid bodies usually go through the collection's
 * {@link io.cenotoo.schema.BatchEncoder} in one pass over the bytes. Any other body is parsed into a
 * tree and checked by the compiled validator, which also writes the error messages.
 */
public final class IngestVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);

  private KafkaProducer<String, Buffer> producer;
  private Producer<String, Buffer> nativeProducer;
  private KafkaProducer<String, Buffer> uncompressedProducer;
  private Producer<String, Buffer> nativeUncompressedProducer;
  private CollectionResolver collections;
  private Timer sendTimer;
  private Counter published;
  private Counter failed;
  private Counter streamedBodies;
  private Counter treeBodies;
  private int maxRecordBytes;
  private LoopLocal.Consumer<Buffer> sendDataConsumer;

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    maxRecordBytes = config.getInt(Setting.MAX_RECORD_BYTES);
    producer = KafkaProducer.createShared(vertx, "cenotoo-ingest", KafkaSettings.producer(config));
    nativeProducer = producer.unwrap();
    uncompressedProducer = KafkaProducer.createShared(vertx, "cenotoo-ingest-uncompressed",
        KafkaSettings.uncompressedProducer(config));
    nativeUncompressedProducer = uncompressedProducer.unwrap();
    collections = new CollectionResolver(vertx);
    MeterRegistry registry = Metrics.registry();
    sendTimer = Timer.builder("cenotoo.kafka.send").description("Time until Kafka acknowledged a whole request's records")
        .publishPercentileHistogram().register(registry);
    published = Counter.builder("cenotoo.ingest.records").tag("outcome", "published").register(registry);
    failed = Counter.builder("cenotoo.ingest.records").tag("outcome", "failed").register(registry);
    // A rising share of the tree path shows valid bodies that the streaming pass declines.
    streamedBodies = Counter.builder("cenotoo.ingest.bodies").tag("path", "streaming")
        .description("send_data bodies by the path that validated them").register(registry);
    treeBodies = Counter.builder("cenotoo.ingest.bodies").tag("path", "tree")
        .description("send_data bodies by the path that validated them").register(registry);

    sendDataConsumer = LoopLocal.consumer(vertx, Address.INGEST_SEND_DATA, message -> Replies.bind(message, this::sendData));
    LOG.info("Ingest owner started");
    return Future.succeededFuture();
  }

  private Future<JsonObject> sendData(Message<Buffer> message) {
    UUID projectId = UUID.fromString(message.headers().get(Headers.PROJECT_ID));
    UUID collectionId = UUID.fromString(message.headers().get(Headers.COLLECTION_ID));
    String idempotencyKey = message.headers().get(Headers.IDEMPOTENCY_KEY);
    Buffer body = message.body();

    return collections.resolve(projectId, collectionId)
        .recover(failure -> {
          // A body that is not JSON gets its 400 ahead of a failed lookup, as when the body was parsed first.
          parseRecords(body);
          return Future.failedFuture(failure);
        })
        .compose(collection -> publish(collection, requireRecordsFit(encode(collection, body, idempotencyKey)))
            .map(count -> new JsonObject()
                .put("message", "Data sent to collection '" + collection.name() + "' successfully.")
                .put("processed_count", count)));
  }

  /**
   * Validates and encodes the body's records in one streaming pass, or, for a body that the pass
   * declines, parses it into a tree and validates that. The streaming pass declines every invalid
   * body, so the tree path writes all error messages.
   */
  private EncodedBatch encode(ResolvedCollection collection, Buffer body, String idempotencyKey) {
    Instant now = Instant.now();
    IntFunction<UUID> recordIds = recordIds(collection.collectionId(), idempotencyKey);
    EncodedBatch streamed = collection.batchEncoder().encode(body.getBytes(), now, recordIds);
    if (streamed != null) {
      streamedBodies.increment();
      return streamed;
    }

    treeBodies.increment();
    List<Object> records = parseRecords(body);
    ValidatedBatch batch = collection.validator().validate(records, now);
    if (!batch.isValid()) {
      throw ApiException.invalid(batch.invalidIndexes().size() + " of " + records.size()
          + " records are invalid, so none was stored; fix the records listed in errors and resend the batch.",
          batch.errors());
    }
    return EncodedBatch.of(batch.records(), recordIds);
  }

  /**
   * Rejects the whole batch with 413 when a record's Kafka key and value exceed
   * {@link Setting#MAX_RECORD_BYTES}. Kafka would reject that record alone, after the batch's other
   * records were sent. The limit counts what the producer sends, so it applies after encoding.
   */
  private EncodedBatch requireRecordsFit(EncodedBatch records) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      long bytes = records.value(i).length() + Utils.utf8Length(records.key(i));
      if (bytes > maxRecordBytes) {
        errors.add(new FieldError("[" + i + "]", "The record is " + bytes + " bytes as sent to Kafka (its JSON with"
            + " record_id, plus its key); the limit is " + maxRecordBytes + " bytes."));
      }
    }
    if (errors.isEmpty()) {
      return records;
    }
    throw new ApiException(413, errors.size() + " of " + records.size() + " records exceed the limit of "
        + maxRecordBytes + " bytes per record, so none was stored; shorten or split the records listed in errors"
        + " and resend the batch.", errors);
  }

  /**
   * Returns the record ids of a request by position. With an idempotency key they derive from it,
   * so a retry overwrites the same rows.
   */
  private static IntFunction<UUID> recordIds(UUID collectionId, String idempotencyKey) {
    if (idempotencyKey == null) {
      return RecordIds.fresh();
    }
    return index -> RecordIds.derived(collectionId, idempotencyKey, index);
  }

  private static List<Object> parseRecords(Buffer body) {
    Object parsed;
    try {
      parsed = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw ApiException.badRequest("The request body is not valid JSON: " + e.getMessage());
    }
    if (parsed instanceof JsonObject record) {
      return List.of(record);
    }
    if (parsed instanceof JsonArray array) {
      List<Object> records = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        records.add(array.getValue(i));
      }
      return records;
    }
    throw ApiException.invalid("The request body must be a JSON object or an array of objects.", List.of());
  }

  /**
   * Sends every record of a request with the native producer in one worker task and completes on
   * this verticle's context once Kafka acknowledged them all. Vert.x's {@code KafkaProducer.send}
   * hands each record to a worker thread and each acknowledgement back to the event loop, which costs
   * two thread hand-offs per record. {@code Producer.send} itself may block the calling thread while
   * it fetches a new topic's metadata or waits for buffer space (up to {@code max.block.ms}), so it
   * runs on a worker thread instead of the event loop.
   */
  private Future<Integer> publish(ResolvedCollection collection, EncodedBatch records) {
    if (records.size() == 0) {
      // An empty array is a valid body. With no record sent, no producer callback would ever complete the reply.
      return Future.succeededFuture(0);
    }
    String topic = Topics.forCollection(collection.collectionId());
    ProducerSpan span = ProducerSpan.start(Tracing.openTelemetry(vertx), topic, records.size());
    List<ProducerRecord<String, Buffer>> kafkaRecords = new ArrayList<>(records.size());
    byte[] projectHeader = collection.projectId().toString().getBytes(StandardCharsets.UTF_8);
    byte[] collectionHeader = collection.collectionId().toString().getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < records.size(); i++) {
      ProducerRecord<String, Buffer> kafkaRecord = new ProducerRecord<>(topic, records.key(i), records.value(i));
      kafkaRecord.headers().add(Topics.HEADER_PROJECT_ID, projectHeader).add(Topics.HEADER_COLLECTION_ID, collectionHeader);
      span.inject(kafkaRecord.headers());
      kafkaRecords.add(kafkaRecord);
    }

    Context context = vertx.getOrCreateContext();
    Promise<Integer> acknowledged = Promise.promise();
    AtomicInteger pending = new AtomicInteger(kafkaRecords.size());
    AtomicBoolean failedOnce = new AtomicBoolean();
    Callback callback = (metadata, error) -> {
      if (error != null) {
        if (failedOnce.compareAndSet(false, true)) {
          context.runOnContext(v -> acknowledged.tryFail(error));
        }
      } else if (pending.decrementAndGet() == 0) {
        context.runOnContext(v -> acknowledged.tryComplete(kafkaRecords.size()));
      }
    };
    Timer.Sample sample = Timer.start();
    return vertx.<Void>executeBlocking(() -> {
          for (ProducerRecord<String, Buffer> kafkaRecord : kafkaRecords) {
            producerFor(kafkaRecord.value()).send(kafkaRecord, callback);
          }
          return null;
        }, false)
        .compose(sent -> acknowledged.future())
        .onComplete(done -> {
          sample.stop(sendTimer);
          (done.succeeded() ? published : failed).increment(records.size());
          span.end(done.cause());
        })
        .recover(failure -> {
          LOG.error("Publishing to {} failed [collection: {}]", topic, collection.collectionId(), failure);
          return Future.failedFuture(new ApiException(503,
              "Kafka did not acknowledge the records; retry the request later."));
        });
  }

  /**
   * Returns the producer for a record's value. The two producers' records of one partition may
   * reach Kafka in either order, which the sink does not depend on: a row's key is its record's
   * key, timestamp and id.
   */
  private Producer<String, Buffer> producerFor(Buffer value) {
    return value.length() < KafkaSettings.UNCOMPRESSED_FROM_BYTES ? nativeProducer : nativeUncompressedProducer;
  }

  @Override
  public Future<?> stop() {
    LOG.info("Ingest owner stopping; flushing the producers");
    return sendDataConsumer.unregister()
        .transform(done -> Future.join(flushAndClose(producer), flushAndClose(uncompressedProducer)));
  }

  private static Future<Void> flushAndClose(KafkaProducer<String, Buffer> producer) {
    return producer.flush().compose(v -> producer.close());
  }
}
