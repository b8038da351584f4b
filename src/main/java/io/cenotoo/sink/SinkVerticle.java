package io.cenotoo.sink;

import io.cenotoo.bus.Address;
import io.cenotoo.bus.CollectionResolver;
import io.cenotoo.bus.Replies;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.kafka.KafkaSettings;
import io.cenotoo.kafka.Topics;
import io.cenotoo.metrics.Metrics;
import io.cenotoo.storage.CassandraClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves records from the collection topics into Cassandra. One consumer group spans every sink in
 * the cluster. {@link PollLoop} polls while earlier polls are written and commits offsets only
 * after the writes of a poll and of every earlier poll succeeded, and a failed write is read again
 * from its first offsets after a pause, so no record is lost. Replayed records overwrite their own
 * rows. Records that can never be stored go to the dead-letter topic through the sink's own
 * producer.
 */
public final class SinkVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SinkVerticle.class);
  /** Threads that read, decode and bind the polled records, so that the event loop keeps serving the driver. */
  static final int PREPARE_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
  static final String PREPARE_POOL = "cenotoo-sink-prepare";

  private KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> deadLetterProducer;
  private CassandraClient cassandra;
  private WorkerExecutor prepareExecutor;
  private RowWriter writer;
  private KafkaClientMetrics kafkaMetrics;
  private PollLoop loop;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    cassandra = CassandraClients.create(vertx, config, "cenotoo-sink");
    writer = new RowWriter(cassandra, config.get(Setting.CASSANDRA_DATA_KEYSPACE), config.get(Setting.CASSANDRA_KEYSPACE));
    consumer = KafkaConsumer.create(vertx, KafkaSettings.consumer(config));
    MeterRegistry registry = Metrics.registry();
    // Kafka's own consumer metrics, among them the lag per topic and partition
    // (kafka_consumer_fetch_manager_records_lag).
    kafkaMetrics = new KafkaClientMetrics(consumer.unwrap());
    kafkaMetrics.bindTo(registry);
    deadLetterProducer = KafkaProducer.create(vertx, KafkaSettings.deadLetterProducer(config));
    prepareExecutor = vertx.createSharedWorkerExecutor(PREPARE_POOL, PREPARE_THREADS);
    BatchStore store = new BatchStore(vertx, prepareExecutor, new CollectionResolver(vertx), writer,
        new DeadLetters(deadLetterProducer, registry), registry,
        collectionId -> loop.forgetTopic(Topics.forCollection(collectionId)));
    loop = new PollLoop(vertx, consumer, store::store);

    consumers.add(vertx.eventBus().consumer(Address.SINK_PING, message -> Replies.bind(message,
        m -> cassandra.execute("SELECT release_version FROM system.local").map(rs -> new JsonObject().put("cassandra", "ok")))));
    // Both events mean that partition-index rows may be gone, so the next write of such a partition
    // inserts its index row again.
    consumers.add(vertx.eventBus().consumer(Address.DATA_DELETED, event -> forgetIndexRows(event.body(), false)));
    consumers.add(vertx.eventBus().consumer(Address.COLLECTION_REMOVED, event -> forgetIndexRows(event.body(), true)));

    return consumer.subscribe(Topics.ALL_COLLECTIONS).onSuccess(v -> {
      LOG.info("Sink started; consuming {} as group {}", Topics.ALL_COLLECTIONS, config.get(Setting.KAFKA_CONSUMER_GROUP));
      loop.start();
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
      loop.forgetTopic(Topics.forCollection(collectionId));
    }
  }

  @Override
  public Future<?> stop() {
    LOG.info("Sink stopping");
    return loop.stop()
        .transform(done -> {
          List<Future<Void>> closing = new ArrayList<>();
          consumers.forEach(c -> closing.add(c.unregister()));
          return Future.join(closing);
        })
        .transform(done -> {
          kafkaMetrics.close();
          return consumer.close();
        })
        .transform(done -> deadLetterProducer.close())
        .transform(done -> prepareExecutor.close())
        .transform(done -> cassandra.close());
  }
}
