package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.cenotoo.testing.NodeProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two node processes with the image's heap settings (384 MiB here) under records of 950,000
 * bytes: one with the API, ingest, query, stats and admin roles, and a sink node with the admin
 * role for resolving collections. Byte bounds on get_data pages, on the request bodies in progress
 * and on what the sink decodes at once keep both within the heap. Without them each ran out of
 * memory. The records compress well, so while the sink is stopped they pile up into one poll.
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
      // Later tests start sinks that read every collection topic from its first offset, and polls
      // of these well-compressed records would fill their heaps (see PollLoop.MAX_BYTES).
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
