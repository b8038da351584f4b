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

/** Body and record size limits and Idempotency-Key retries of send_data against the real node. */
class IngestLimitsTest {

  /** kafka-clients' default max.request.size and, within a few bytes, the broker's default message.max.bytes. */
  private static final int KAFKA_DEFAULT_RECORD_LIMIT = 1024 * 1024;

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
  void oversizedRecordGets413NamingIt() {
    int limit = TestNode.get().config().getInt(Setting.MAX_RECORD_BYTES);
    // Also above the 1 MiB that Kafka accepts by default, so without the limit Kafka itself would reject the record.
    JsonArray batch = batch(1).add(new JsonObject().put("key", "k").put("value", 2.0)
        .put("note", "x".repeat(KAFKA_DEFAULT_RECORD_LIMIT)));

    Response response = api.post(path + "/send_data", batch, writeKey);

    assertEquals(413, response.status(), response.toString());
    assertTrue(response.json().getString("detail").contains(String.valueOf(limit)), response.toString());
    JsonObject error = response.json().getJsonArray("errors").getJsonObject(0);
    assertEquals("[1]", error.getString("field"), response.toString());
    assertTrue(error.getString("message").contains(String.valueOf(limit)), response.toString());
  }

  @Test
  void rejectedBatchStoresNoRecord() {
    int limit = TestNode.get().config().getInt(Setting.MAX_RECORD_BYTES);
    JsonArray rejected = new JsonArray().add(new JsonObject().put("key", "atomic").put("value", 1.0).put("note", "first"))
        .add(new JsonObject().put("key", "atomic").put("value", 2.0).put("note", "x".repeat(limit)));
    assertEquals(413, api.post(path + "/send_data", rejected, writeKey).status());

    JsonObject later = new JsonObject().put("key", "atomic").put("value", 3.0).put("note", "later");
    assertEquals(200, api.post(path + "/send_data", later, writeKey).status());

    // Records of one key share a Kafka partition, so once the later record is stored, an earlier one would be too.
    JsonArray stored = api.awaitData(path + "/get_data?key=atomic", writeKey,
        r -> r.raw().body().contains("later")).json().getJsonArray("data");
    assertEquals(1, stored.size(), stored.encode());
  }

  @Test
  void recordNearLimitIsStored() {
    int limit = TestNode.get().config().getInt(Setting.MAX_RECORD_BYTES);
    String note = "y".repeat(limit - 200);
    JsonObject record = new JsonObject().put("key", "large").put("value", 1.0).put("note", note);

    Response response = api.post(path + "/send_data", record, writeKey);

    assertEquals(200, response.status(), response.toString());
    JsonArray stored = api.awaitData(path + "/get_data?key=large", writeKey,
        r -> r.json().getJsonArray("data").size() == 1).json().getJsonArray("data");
    assertEquals(note, stored.getJsonObject(0).getString("note"));
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
