package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.kafka.Topics;
import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.cenotoo.testing.NodeProcess;
import io.cenotoo.testing.SharedStack;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two node processes with the image's heap settings (384 MiB here) under records of 950,000
 * bytes: one with the API, ingest, query, stats and admin roles, and a sink node with the admin
 * role for resolving collections. Byte bounds on get_data pages and fetches, on the request
 * bodies in progress and on what the sink decodes at once keep both within the heap. Without them
 * each ran out of memory. The records compress well, so only their publication without compression keeps a poll
 * of them within the consumer's fetch limits.
 */
class LargeRecordsMemoryTest {

  private static final int RECORDS_PER_REQUEST = 10;
  private static final int NOTE_LENGTH = 950_000;

  private static Path dir;
  private static NodeProcess node;
  private static NodeProcess sink;
  private static Api api;
  private static Auth admin;
  private static String projectId;
  private static Auth writeKey;

  @BeforeAll
  static void startNode() throws Exception {
    dir = Files.createTempDirectory("large-records-test");
    node = NodeProcess.create(dir.resolve("node.log"), Map.of("CENOTOO_ROLES", "api,ingest,query,stats,admin"));
    sink = NodeProcess.create(dir.resolve("sink.log"), Map.of("CENOTOO_ROLES", "sink,admin",
        "KAFKA_CONSUMER_GROUP", "large-records-test"));
    node.start();
    sink.start();
    node.awaitReady(90);
    api = node.api();
    admin = Auth.bearer(api.adminToken());
    projectId = api.createProject(admin);
    writeKey = Auth.key(api.createKey(projectId, "write", admin));
  }

  @AfterAll
  static void stopNode() throws Exception {
    try {
      // Later tests start sinks that read every collection topic from its first offset.
      Api.expect(200, api.delete("/api/v1/projects/" + projectId, null, admin));
      assertFalse(node.output().contains("OutOfMemoryError"), "the node ran out of heap");
      assertFalse(sink.output().contains("OutOfMemoryError"), "the sink ran out of heap");
    } finally {
      node.close();
      sink.close();
    }
  }

  @Test
  void largeRecordsAreStoredAndRead() throws Exception {
    String path = collection("stored");
    int requests = 12;

    signal(sink, "-STOP");
    try {
      for (int r = 0; r < requests; r++) {
        Response sent = api.post(path + "/send_data", batch(r), writeKey);
        assertEquals(200, sent.status(), sent.toString());
      }
    } finally {
      signal(sink, "-CONT");
    }
    int total = requests * RECORDS_PER_REQUEST;
    api.awaitData(path + "/get_data?limit=1&include_total=true", writeKey, r -> r.json().getLong("total_count") == total);

    assertEquals(total, readAll(path));
    Response sorted = api.get(path + "/get_data" + Api.query(Map.of("limit", "100",
        "order_by", "{\"field\": \"note\"}")), writeKey);
    assertEquals(422, sorted.status(), sorted.toString());
    Response distinct = api.get(path + "/statistics" + Api.query(Map.of("stat", "distinct", "attribute", "note",
        "start_time", "2026-03-01T00:00:00Z", "end_time", "2026-03-01T23:59:59Z")), writeKey);
    assertEquals(200, distinct.status(), distinct.toString());
    assertEquals(RECORDS_PER_REQUEST, distinct.array().getJsonObject(0).getInteger("distinct_note"), distinct.toString());
  }

  @Test
  void concurrentFirstReadsGet200() throws Exception {
    String path = collection("read");
    int requests = 12;
    for (int r = 0; r < requests; r++) {
      Response sent = api.post(path + "/send_data", batch(r), writeKey);
      assertEquals(200, sent.status(), sent.toString());
    }
    // Statistics, unlike get_data, leave the query owner without a record of the collection's row sizes.
    awaitCount(path, requests * RECORDS_PER_REQUEST);

    Map<String, String> keyed = Map.of("key", "large", "limit", "100",
        "start_time", "2026-03-01T00:00:00Z", "end_time", "2026-03-01T23:59:59Z");
    Map<String, String> unkeyed = Map.of("limit", "100");
    int readers = 6;
    ExecutorService clients = Executors.newFixedThreadPool(readers);
    List<Future<Response>> responses = new ArrayList<>();
    try {
      for (int r = 0; r < readers; r++) {
        String uri = path + "/get_data" + Api.query(r % 2 == 0 ? keyed : unkeyed);
        responses.add(clients.submit(() -> api.get(uri, writeKey)));
      }

      for (Future<Response> pending : responses) {
        Response page = pending.get(120, TimeUnit.SECONDS);
        assertEquals(200, page.status(), () -> page.toString().substring(0, Math.min(300, page.toString().length())));
        int records = page.json().getJsonArray("data").size();
        // A page ends early, with a cursor, once its rows take 8 MiB.
        assertTrue(records > 0, "an empty page");
        assertTrue(records < 100, records + " records in one page");
        assertTrue(page.json().getBoolean("has_more"), "has_more");
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void concurrentLargeBodiesGet200Or429() throws Exception {
    String path = collection("concurrent");
    int requests = 24;
    ExecutorService clients = Executors.newFixedThreadPool(requests);
    List<Future<Response>> responses = new ArrayList<>();
    try {
      for (int r = 0; r < requests; r++) {
        JsonArray batch = batch(r);
        responses.add(clients.submit(() -> api.post(path + "/send_data", batch, writeKey)));
      }

      int accepted = 0;
      for (Future<Response> pending : responses) {
        Response response = pending.get(120, TimeUnit.SECONDS);
        assertTrue(response.status() == 200 || response.status() == 429, response.toString());
        if (response.status() == 200) {
          accepted++;
        } else {
          assertEquals("5", response.header("Retry-After"), response.toString());
        }
      }
      assertTrue(accepted > 0, "no request was accepted");
      assertEquals(200, api.get("/ready", Auth.NONE).status());
      // The sink stores the accepted records before the next test adds its own load.
      int stored = accepted * RECORDS_PER_REQUEST;
      api.awaitData(path + "/get_data?limit=1&include_total=true", writeKey, r -> r.json().getLong("total_count") == stored);
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void largeRecordPollWithinFetchLimit() {
    String collectionId = api.createCollection(projectId, "polled", new JsonObject().put("note", "text"), admin);
    String path = Api.collectionPath(projectId, collectionId);
    for (int r = 0; r < 2; r++) {
      Response sent = api.post(path + "/send_data", batch(r), writeKey);
      assertEquals(200, sent.status(), sent.toString());
    }

    int fetchBytes = 1024 * 1024;
    Map<String, Object> settings = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.get().kafkaBootstrap(),
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, fetchBytes,
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, fetchBytes,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings)) {
      String topic = Topics.forCollection(UUID.fromString(collectionId));
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      ConsumerRecords<byte[], byte[]> polled = ConsumerRecords.empty();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (polled.isEmpty() && System.nanoTime() < deadline) {
        polled = consumer.poll(Duration.ofMillis(500));
      }

      long bytes = 0;
      for (ConsumerRecord<byte[], byte[]> record : polled) {
        bytes += record.value().length;
      }
      // A fetch returns at least one whole batch, so one record beyond the limit may come along.
      assertTrue(polled.count() > 0, "nothing was polled from " + topic);
      assertTrue(bytes <= fetchBytes + NOTE_LENGTH + 4096,
          "one poll held " + polled.count() + " records of " + bytes + " bytes in all");
    }
  }

  /** Waits until statistics count {@code total} records in the collection. */
  private static void awaitCount(String path, int total) throws InterruptedException {
    String uri = path + "/statistics" + Api.query(Map.of("stat", "count",
        "start_time", "2026-03-01T00:00:00Z", "end_time", "2026-03-01T23:59:59Z"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int counted = -1;
    while (System.nanoTime() < deadline) {
      Response count = api.get(uri, writeKey);
      assertEquals(200, count.status(), count.toString());
      JsonArray buckets = count.array();
      counted = buckets.isEmpty() ? 0 : buckets.getJsonObject(0).getInteger("count");
      if (counted == total) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("statistics counted " + counted + " of " + total + " records after 60 s");
  }

  private static void signal(NodeProcess process, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill " + signal + " " + process.pid());
  }

  private static String collection(String name) {
    return Api.collectionPath(projectId, api.createCollection(projectId, name, new JsonObject().put("note", "text"), admin));
  }

  private static JsonArray batch(int request) {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < RECORDS_PER_REQUEST; i++) {
      batch.add(new JsonObject().put("key", "large")
          .put("timestamp", String.format("2026-03-01T00:%02d:%02dZ", request, i))
          .put("note", Character.toString('a' + i).repeat(NOTE_LENGTH)));
    }
    return batch;
  }

  /** Follows the cursors of 100-record pages and returns the records read. */
  private static int readAll(String path) {
    int records = 0;
    String cursor = null;
    do {
      Map<String, String> query = cursor == null ? Map.of("limit", "100") : Map.of("limit", "100", "cursor", cursor);
      Response page = api.get(path + "/get_data" + Api.query(query), writeKey);
      assertEquals(200, page.status(), () -> page.toString().substring(0, 300));
      records += page.json().getJsonArray("data").size();
      cursor = page.json().getString("next_cursor");
    } while (cursor != null);
    return records;
  }
}
