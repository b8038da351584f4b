package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.cenotoo.testing.NodeProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node process with every role and the image's heap settings (384 MiB here) stores and reads
 * back 120 records of 950,000 bytes, 114 MB in all. The byte bounds on get_data pages and on the
 * sink's queued polls keep it within the heap; without them both ran out of it.
 */
class LargeRecordsMemoryTest {

  private static final int REQUESTS = 12;
  private static final int RECORDS_PER_REQUEST = 10;
  private static final int NOTE_LENGTH = 950_000;

  @Test
  void largeRecordsFitTheHeap(@TempDir Path dir) throws Exception {
    try (NodeProcess node = NodeProcess.create(dir.resolve("node.log"), Map.of("KAFKA_CONSUMER_GROUP", "large-records-test"))) {
      node.start().awaitReady(90);
      Api api = node.api();
      Auth admin = Auth.bearer(api.adminToken());
      String projectId = api.createProject(admin);
      Auth writeKey = Auth.key(api.createKey(projectId, "write", admin));
      String path = Api.collectionPath(projectId, api.createCollection(projectId, "large",
          new JsonObject().put("note", "text"), admin));

      for (int r = 0; r < REQUESTS; r++) {
        Response sent = api.post(path + "/send_data", batch(r), writeKey);
        assertEquals(200, sent.status(), sent.toString());
      }
      int total = REQUESTS * RECORDS_PER_REQUEST;
      api.awaitData(path + "/get_data?limit=1&include_total=true", writeKey,
          r -> r.json().getLong("total_count") == total);

      assertEquals(total, readAll(api, path, writeKey));
      Response sorted = api.get(path + "/get_data" + Api.query(Map.of("limit", "100",
          "order_by", "{\"field\": \"note\"}")), writeKey);
      assertEquals(422, sorted.status(), sorted.toString());
      assertFalse(node.output().contains("OutOfMemoryError"), "the node ran out of heap");
    }
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
  private static int readAll(Api api, String path, Auth key) {
    int records = 0;
    String cursor = null;
    do {
      Map<String, String> query = cursor == null ? Map.of("limit", "100") : Map.of("limit", "100", "cursor", cursor);
      Response page = api.get(path + "/get_data" + Api.query(query), key);
      assertEquals(200, page.status(), () -> page.toString().substring(0, 300));
      records += page.json().getJsonArray("data").size();
      cursor = page.json().getString("next_cursor");
    } while (cursor != null);
    return records;
  }
}
