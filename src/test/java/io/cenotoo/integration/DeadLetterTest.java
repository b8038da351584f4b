package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import io.cenotoo.config.Setting;
import io.cenotoo.embedded.StackEndpoints;
import io.cenotoo.kafka.Topics;
import io.cenotoo.storage.DataTables;
import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.SharedStack;
import io.cenotoo.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records that the sink can never store, because their value does not decode or Cassandra rejects
 * their row, must neither stop the sink nor be lost. They go to the dead-letter topic with the
 * reason, and the records after them are stored.
 */
class DeadLetterTest {

  private static Api api;
  private static Auth admin;
  private static String projectId;
  private static Auth key;

  @BeforeAll
  static void createProject() {
    api = Api.forTestNode();
    admin = Auth.bearer(api.adminToken());
    projectId = api.createProject(admin);
    key = Auth.key(api.createKey(projectId, "write", admin));
  }

  /** Deletes the collections, so a sink that still retries their records drops them. */
  @AfterAll
  static void deleteProject() {
    Api.expect(200, api.delete("/api/v1/projects/" + projectId, null, admin));
  }

  @Test
  void undecodableValuesBecomeDeadLetters() throws Exception {
    String collectionId = api.createCollection(projectId, "poisoned", new JsonObject().put("v", "int"), admin);
    String path = Api.collectionPath(projectId, collectionId);

    publishRaw(Topics.forCollection(UUID.fromString(collectionId)), collectionId, "not json at all");
    publishRaw(Topics.forCollection(UUID.fromString(collectionId)), collectionId,
        "{\"key\": \"k\", \"timestamp\": \"yesterday\", \"v\": 1}");
    JsonArray records = new JsonArray()
        .add(new JsonObject().put("key", "k").put("timestamp", "2024-01-01T00:00:00Z").put("v", 1))
        .add(new JsonObject().put("key", "k").put("timestamp", "2024-01-01T00:00:01Z").put("v", 2));
    assertEquals(200, api.post(path + "/send_data", records, key).status());

    JsonArray stored = api.awaitData(path + "/get_data?limit=10", key, r -> r.json().getJsonArray("data").size() == 2)
        .json().getJsonArray("data");
    assertEquals(2, stored.getJsonObject(0).getInteger("v"));
    assertTrue(counter("cenotoo_sink_records_undecodable_total") >= 2);
    List<ConsumerRecord<byte[], byte[]>> letters = deadLetters(collectionId, 2);
    assertEquals("not json at all", new String(letters.get(0).value(), StandardCharsets.UTF_8));
    assertTrue(header(letters.get(0), Topics.HEADER_ERROR).startsWith("The value is not a record of the collection"),
        header(letters.get(0), Topics.HEADER_ERROR));
  }

  @Test
  void rejectedRowsBecomeDeadLetters() throws Exception {
    JsonObject schema = new JsonObject().put("v", "int").put("note", "text");
    String brokenId = api.createCollection(projectId, "broken", schema, admin);
    String healthyId = api.createCollection(projectId, "healthy", schema, admin);
    String broken = Api.collectionPath(projectId, brokenId);
    String healthy = Api.collectionPath(projectId, healthyId);
    assertEquals(200, api.post(broken + "/send_data", record(1), key).status());
    api.awaitData(broken + "/get_data?limit=10", key, r -> r.json().getJsonArray("data").size() == 1);

    // An operator drops a column behind the service's back, so Cassandra rejects every later row.
    dropColumn(brokenId, "note");
    assertEquals(200, api.post(broken + "/send_data", new JsonArray().add(record(2)).add(record(3)), key).status());
    assertEquals(200, api.post(healthy + "/send_data", record(4), key).status());

    JsonArray stored = api.awaitData(healthy + "/get_data?limit=10", key, r -> r.json().getJsonArray("data").size() == 1)
        .json().getJsonArray("data");
    assertEquals(4, stored.getJsonObject(0).getInteger("v"));
    List<ConsumerRecord<byte[], byte[]>> letters = deadLetters(brokenId, 2);
    for (ConsumerRecord<byte[], byte[]> letter : letters) {
      assertTrue(header(letter, Topics.HEADER_ERROR).startsWith("Cassandra rejected the row"), header(letter, Topics.HEADER_ERROR));
      assertTrue(header(letter, Topics.HEADER_SOURCE).startsWith(Topics.forCollection(UUID.fromString(brokenId)) + "/"),
          header(letter, Topics.HEADER_SOURCE));
      assertEquals(projectId, header(letter, Topics.HEADER_PROJECT_ID));
    }
    assertTrue(counter("cenotoo_sink_records_dead_lettered_total") >= 2);
    // Records that are written again and again would keep the sink's offset where they are.
    awaitCommitted(Topics.forCollection(UUID.fromString(brokenId)), 3);
  }

  private static JsonObject record(int value) {
    return new JsonObject().put("key", "k").put("timestamp", "2024-01-01T00:00:0" + value + "Z")
        .put("v", value).put("note", "n" + value);
  }

  private static void dropColumn(String collectionId, String column) {
    StackEndpoints stack = SharedStack.get();
    String table = DataTables.qualified(TestNode.get().config().get(Setting.CASSANDRA_DATA_KEYSPACE), UUID.fromString(collectionId));
    try (CqlSession cql = CqlSession.builder()
        .addContactPoint(new InetSocketAddress(stack.cassandraHost(), stack.cassandraPort()))
        .withLocalDatacenter(stack.cassandraLocalDatacenter()).build()) {
      cql.execute("ALTER TABLE " + table + " DROP " + column);
    }
  }

  /** Reads the dead letters of a collection from the start of the topic until {@code count} arrived, in offset order. */
  private static List<ConsumerRecord<byte[], byte[]>> deadLetters(String collectionId, int count) {
    Map<String, Object> settings = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.get().kafkaBootstrap(),
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings)) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTER).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (letters.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> letter : consumer.poll(Duration.ofMillis(500))) {
          if (collectionId.equals(header(letter, Topics.HEADER_COLLECTION_ID))) {
            letters.add(letter);
          }
        }
      }
    }
    assertEquals(count, letters.size(), "dead letters of collection " + collectionId);
    return letters;
  }

  /**
   * Waits until the test node's sink committed {@code records} records of the topic, summed over
   * its partitions.
   */
  private static void awaitCommitted(String topic, long records) throws Exception {
    String group = TestNode.get().config().get(Setting.KAFKA_CONSUMER_GROUP);
    long committed = -1;
    try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.get().kafkaBootstrap()))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (committed < records && System.nanoTime() < deadline) {
        committed = kafka.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
            .entrySet().stream()
            .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
            .mapToLong(entry -> entry.getValue().offset())
            .sum();
        Thread.sleep(250);
      }
    }
    assertEquals(records, committed, "records of " + topic + " committed by group " + group);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Returns the value of a Prometheus counter of the test node without labels, or 0 when it is missing. */
  private static double counter(String name) {
    return api.get("/metrics", Auth.NONE).raw().body().lines()
        .filter(line -> line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
        .findFirst().orElse(0);
  }

  private static void publishRaw(String topic, String collectionId, String value) throws Exception {
    StackEndpoints stack = SharedStack.get();
    Map<String, Object> settings = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings)) {
      ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, "k", value.getBytes(StandardCharsets.UTF_8));
      record.headers()
          .add(Topics.HEADER_PROJECT_ID, projectId.getBytes(StandardCharsets.UTF_8))
          .add(Topics.HEADER_COLLECTION_ID, collectionId.getBytes(StandardCharsets.UTF_8));
      producer.send(record).get(30, TimeUnit.SECONDS);
    }
  }
}
