package io.cenotoo.bench;

import io.cenotoo.kafka.KafkaSettings;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * send_data over HTTP against the raw kafka-clients producer. The raw producer has the node's
 * producer settings ({@link KafkaSettings#producer}: acks=all, idempotence, lz4, linger 5 ms, 128 KiB
 * batches) and sends the same records as JSON to a topic with the collection topics' partition and
 * replication counts. One raw "request" sends a request body's records and completes when Kafka
 * acknowledged all of them, so both sides have the same number of records in flight.
 */
final class IngestBench implements AutoCloseable {

  private final BenchContext context;
  private final String sendPath;
  private final String rawTopic;
  private final KafkaProducer<String, byte[]> producer;
  private final byte[][] recordBytes;

  IngestBench(BenchContext context) throws ExecutionException, InterruptedException {
    this.context = context;
    this.sendPath = context.createCollection("bench_ingest") + "/send_data";
    this.rawTopic = "bench.raw." + UUID.randomUUID();
    int partitions = context.kafkaConfig.getInt(io.cenotoo.config.Setting.KAFKA_TOPIC_PARTITIONS);
    short replication = (short) context.kafkaConfig.getInt(io.cenotoo.config.Setting.KAFKA_TOPIC_REPLICATION);
    context.kafkaAdmin.createTopics(List.of(new NewTopic(rawTopic, partitions, replication))).all().get();

    Map<String, Object> props = new HashMap<>(KafkaSettings.producer(context.kafkaConfig));
    props.put("key.serializer", StringSerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(props);

    Workload workload = context.workload;
    this.recordBytes = new byte[workload.size()][];
    for (int i = 0; i < workload.size(); i++) {
      recordBytes[i] = workload.record(i).toBuffer().getBytes();
    }
  }

  ClosedLoop.Result cenotooBatch(int concurrency, Duration duration) throws InterruptedException {
    return ClosedLoop.run(concurrency, duration, n -> sendData(context.workload.batchBody(n)));
  }

  ClosedLoop.Result cenotooSingle(int concurrency, Duration duration) throws InterruptedException {
    return ClosedLoop.run(concurrency, duration, n -> sendData(context.workload.singleBody(n)));
  }

  ClosedLoop.Result rawBatch(int concurrency, Duration duration) throws InterruptedException {
    int batches = context.workload.size() / Workload.BATCH_SIZE;
    return ClosedLoop.run(concurrency, duration,
        n -> produce((int) (n % batches) * Workload.BATCH_SIZE, Workload.BATCH_SIZE));
  }

  ClosedLoop.Result rawSingle(int concurrency, Duration duration) throws InterruptedException {
    return ClosedLoop.run(concurrency, duration, n -> produce((int) (n % recordBytes.length), 1));
  }

  private CompletionStage<Integer> sendData(io.vertx.core.buffer.Buffer body) {
    return context.send(HttpMethod.POST, sendPath, body).thenApply(response -> {
      if (response.statusCode() != 200) {
        throw new IllegalStateException("send_data returned " + response.statusCode() + ": " + response.bodyAsString());
      }
      return new JsonObject(response.body()).getInteger("processed_count");
    });
  }

  /** Sends records {@code from} to {@code from + count - 1} and completes when Kafka acknowledged all of them. */
  private CompletionStage<Integer> produce(int from, int count) {
    CompletableFuture<Integer> acked = new CompletableFuture<>();
    AtomicInteger pending = new AtomicInteger(count);
    for (int i = from; i < from + count; i++) {
      producer.send(new ProducerRecord<>(rawTopic, Workload.key(i), recordBytes[i]), (metadata, failure) -> {
        if (failure != null) {
          acked.completeExceptionally(failure);
        } else if (pending.decrementAndGet() == 0) {
          acked.complete(count);
        }
      });
    }
    return acked;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
