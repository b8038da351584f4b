package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.config.Setting;
import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.cenotoo.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Body size limit and Idempotency-Key retries of send_data against the real node. */
class IngestLimitsTest {

  private Api api;
  private Auth writeKey;
  private String path;

  @BeforeEach
  void createCollection() {
    api = Api.forTestNode();
    Auth admin = Auth.bearer(api.adminToken());
    String projectId = api.createProject(admin);
    writeKey = Auth.key(api.createKey(projectId, "write", admin));
    path = Api.collectionPath(projectId, api.createCollection(projectId, "limits",
        new JsonObject().put("value", "float").put("note", "text"), admin));
  }

  private static JsonArray batch(int size) {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < size; i++) {
      batch.add(new JsonObject().put("key", "k").put("timestamp", "2024-01-01T00:00:00Z").put("value", i)
          .put("note", "n"));
    }
    return batch;
  }

  @Test
  void bodyAboveLimitGets413StatingLimit() {
    int limit = TestNode.get().config().getInt(Setting.MAX_BODY_BYTES);
    JsonArray batch = new JsonArray().add(new JsonObject().put("value", 1.0).put("note", "x".repeat(limit + 1)));

    Response response = api.post(path + "/send_data", batch, writeKey);

    assertEquals(413, response.status(), response.toString());
    assertTrue(response.json().getString("detail").contains(String.valueOf(limit)), response.toString());
  }

  @Test
  void emptyArrayGetsZeroCount() {
    Response response = api.post(path + "/send_data", new JsonArray(), writeKey);

    assertEquals(200, response.status(), response.toString());
    assertEquals(0, response.json().getInteger("processed_count"), response.toString());
  }

  @Test
  void retriedBatchIsStoredOnce() {
    JsonArray batch = batch(5);
    Map<String, String> headers = Map.of("Idempotency-Key", "retry-of-batch-1");

    Response first = api.send("POST", path + "/send_data", batch, writeKey, headers);
    Response second = api.send("POST", path + "/send_data", batch, writeKey, headers);

    assertEquals(200, first.status(), first.toString());
    assertEquals(200, second.status(), second.toString());
    assertEquals(first.json(), second.json());
    assertEquals(200, api.post(path + "/send_data", batch(1).getJsonObject(0).put("key", "marker"), writeKey).status());
    JsonArray stored = api.awaitData(path + "/get_data?limit=100", writeKey,
        r -> r.raw().body().contains("marker")).json().getJsonArray("data");
    assertEquals(6, stored.size(), stored.encode());
  }

  @Test
  void batchWithoutKeyIsStoredTwice() {
    JsonArray batch = batch(3);
    assertEquals(200, api.post(path + "/send_data", batch, writeKey).status());
    assertEquals(200, api.post(path + "/send_data", batch, writeKey).status());

    api.awaitData(path + "/get_data?limit=100", writeKey, r -> r.json().getJsonArray("data").size() == 6);
  }

  @Test
  void overlongIdempotencyKeyIsRejected() {
    Response response = api.send("POST", path + "/send_data", batch(1), writeKey,
        Map.of("Idempotency-Key", "k".repeat(201)));

    assertEquals(422, response.status(), response.toString());
    assertEquals("Idempotency-Key", response.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }
}
