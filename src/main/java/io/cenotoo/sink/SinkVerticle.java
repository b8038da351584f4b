package io.cenotoo.sink;

import io.cenotoo.bus.Address;
import io.cenotoo.bus.CollectionResolver;
import io.cenotoo.bus.Replies;
import io.cenotoo.bus.ResolvedCollection;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.kafka.KafkaSettings;
import io.cenotoo.kafka.Topics;
import io.cenotoo.metrics.Metrics;
import io.cenotoo.schema.NormalizedRecord;
import io.cenotoo.storage.CassandraClients;
import io.cenotoo.tracing.Tracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.producer.KafkaHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves records from the collection topics into Cassandra. One consumer group spans every sink in
 * the cluster. The loop is poll, write, commit. Offsets are committed only after every write of the
 * batch succeeded, and a failed batch is re-read from its first offsets after a pause, so no record
 * is lost. Replayed records overwrite their own rows.
 */
public final class SinkVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SinkVerticle.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final long RETRY_DELAY_MS = 1_000;

  private KafkaConsumer<String, Buffer> consumer;
  private CassandraClient cassandra;
  private CollectionResolver collections;
  private RowWriter writer;
  private Counter written;
  private KafkaClientMetrics kafkaMetrics;
  private Timer batchTimer;
  private MessageConsumer<JsonObject> ping;
  private MessageConsumer<JsonObject> dataDeleted;
  private MessageConsumer<JsonObject> collectionRemoved;
  private volatile boolean stopping;
  private Future<Void> loop = Future.succeededFuture();

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    cassandra = CassandraClients.create(vertx, config, "cenotoo-sink");
    collections = new CollectionResolver(vertx);
    writer = new RowWriter(cassandra, config.get(Setting.CASSANDRA_DATA_KEYSPACE), config.get(Setting.CASSANDRA_KEYSPACE));
    consumer = KafkaConsumer.create(vertx, KafkaSettings.consumer(config));
    MeterRegistry registry = Metrics.registry();
    // Kafka's own consumer metrics, among them the lag per topic and partition
    // (kafka_consumer_fetch_manager_records_lag).
    kafkaMetrics = new KafkaClientMetrics(consumer.unwrap());
    kafkaMetrics.bindTo(registry);
    written = Counter.builder("cenotoo.sink.records.written").description("Records stored in Cassandra").register(registry);
    batchTimer = Timer.builder("cenotoo.sink.batch.write").description("Time to store one polled batch in Cassandra")
        .publishPercentileHistogram().register(registry);

    ping = vertx.eventBus().consumer(Address.SINK_PING, message -> Replies.bind(message,
        m -> cassandra.execute("SELECT release_version FROM system.local").map(rs -> new JsonObject().put("cassandra", "ok"))));
    // Both events mean that partition-index rows may be gone, so the next write of such a partition
    // inserts its index row again.
    dataDeleted = vertx.eventBus().consumer(Address.DATA_DELETED, event -> forgetIndexRows(event.body(), false));
    collectionRemoved = vertx.eventBus().consumer(Address.COLLECTION_REMOVED, event -> forgetIndexRows(event.body(), true));

    return consumer.subscribe(Topics.ALL_COLLECTIONS).onSuccess(v -> {
      LOG.info("Sink started; consuming {} as group {}", Topics.ALL_COLLECTIONS, config.get(Setting.KAFKA_CONSUMER_GROUP));
      pollLoop();
    });
  }

  private void forgetIndexRows(JsonObject event, boolean collectionRemoved) {
    String value = event.getString("collection_id");
    UUID collectionId;
    try {
      collectionId = UUID.fromString(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      LOG.warn("Ignoring an event with an invalid collection_id {}", value, e);
      return;
    }
    writer.forgetIndexRows(collectionId);
    if (collectionRemoved) {
      writer.forget(collectionId);
    }
  }

  private void pollLoop() {
    if (stopping) {
      return;
    }
    loop = consumer.poll(POLL_TIMEOUT)
        .compose(records -> store(records)
            .compose(v -> records.isEmpty() ? Future.<Void>succeededFuture() : consumer.commit())
            .recover(failure -> rewind(records, failure)))
        .onComplete(done -> {
          if (done.failed() && !stopping) {
            LOG.warn("Sink poll failed; retrying in {} ms", RETRY_DELAY_MS, done.cause());
            vertx.setTimer(RETRY_DELAY_MS, id -> pollLoop());
          } else {
            vertx.runOnContext(v -> pollLoop());
          }
        });
  }

  /** Seeks every partition of a failed batch back to its first offset and pauses before the next poll. */
  private Future<Void> rewind(KafkaConsumerRecords<String, Buffer> records, Throwable failure) {
    Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, Buffer> record = records.recordAt(i);
      firstOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
    }
    LOG.error("Writing {} records failed; re-reading them from offsets {}", records.size(), firstOffsets, failure);
    List<Future<Void>> seeks = new ArrayList<>();
    firstOffsets.forEach((partition, offset) -> seeks.add(consumer.seek(partition, offset)));
    return Future.join(seeks).compose(v -> Future.failedFuture(failure));
  }

  private Future<Void> store(KafkaConsumerRecords<String, Buffer> records) {
    Map<CollectionRef, List<KafkaConsumerRecord<String, Buffer>>> byCollection = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, Buffer> record = records.recordAt(i);
      CollectionRef ref = CollectionRef.of(record);
      if (ref == null) {
        LOG.warn("Skipping a record without collection headers [topic: {}, partition: {}, offset: {}]",
            record.topic(), record.partition(), record.offset());
        continue;
      }
      byCollection.computeIfAbsent(ref, r -> new ArrayList<>()).add(record);
    }

    List<Future<Void>> writes = new ArrayList<>();
    byCollection.forEach((ref, batch) -> writes.add(storeCollection(ref, batch)));
    Timer.Sample sample = Timer.start();
    int count = records.size();
    return Future.all(writes).<Void>mapEmpty().onSuccess(v -> {
      if (count > 0) {
        sample.stop(batchTimer);
        written.increment(count);
      }
    });
  }

  private Future<Void> storeCollection(CollectionRef ref, List<KafkaConsumerRecord<String, Buffer>> batch) {
    return collections.resolve(ref.projectId(), ref.collectionId())
        .compose(collection -> SinkSpans.traced(Tracing.openTelemetry(vertx), collection.collectionId(), batch,
            () -> writer.write(collection.collectionId(), rows(collection, batch))))
        .recover(failure -> {
          if (failure instanceof ReplyException reply && reply.failureCode() == 404) {
            LOG.warn("Dropping {} records of a deleted collection [collection: {}]", batch.size(), ref.collectionId());
            writer.forget(ref.collectionId());
            return Future.succeededFuture();
          }
          return Future.failedFuture(failure);
        });
  }

  private static List<RowWriter.Row> rows(ResolvedCollection collection, List<KafkaConsumerRecord<String, Buffer>> batch) {
    List<RowWriter.Row> rows = new ArrayList<>(batch.size());
    for (KafkaConsumerRecord<String, Buffer> record : batch) {
      JsonObject json = record.value().toJsonObject();
      rows.add(new RowWriter.Row(NormalizedRecord.fromJson(json, collection.schema()),
          UUID.fromString(json.getString("record_id"))));
    }
    return rows;
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    LOG.info("Sink stopping");
    return loop.transform(done -> Future.join(ping.unregister(), dataDeleted.unregister(), collectionRemoved.unregister()))
        .transform(done -> {
          kafkaMetrics.close();
          return consumer.close();
        })
        .transform(done -> cassandra.close());
  }

  private record CollectionRef(UUID projectId, UUID collectionId) {

    static CollectionRef of(KafkaConsumerRecord<String, Buffer> record) {
      String project = null;
      String collection = null;
      for (KafkaHeader header : record.headers()) {
        if (Topics.HEADER_PROJECT_ID.equals(header.key())) {
          project = header.value().toString();
        } else if (Topics.HEADER_COLLECTION_ID.equals(header.key())) {
          collection = header.value().toString();
        }
      }
      if (project == null || collection == null) {
        return null;
      }
      return new CollectionRef(UUID.fromString(project), UUID.fromString(collection));
    }
  }
}
