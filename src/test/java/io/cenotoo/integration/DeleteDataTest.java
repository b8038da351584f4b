package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** delete_data against the real stack, with the schema {value: float}. */
class DeleteDataTest {

  private Api api;
  private Auth masterKey;
  private Auth writeKey;
  private String path;

  @BeforeEach
  void storeRecords() {
    api = Api.forTestNode();
    Auth admin = Auth.bearer(api.adminToken());
    String projectId = api.createProject(admin);
    masterKey = Auth.key(api.createKey(projectId, "master", admin));
    writeKey = Auth.key(api.createKey(projectId, "write", admin));
    path = Api.collectionPath(projectId, api.createCollection(projectId, "deletes",
        new JsonObject().put("value", "float"), admin));

    JsonArray records = new JsonArray();
    for (String time : List.of("2024-01-01T10:00:00Z", "2024-01-01T11:00:00Z", "2024-01-01T12:00:00Z",
        "2024-01-01T13:00:00Z", "2024-01-02T10:00:00Z")) {
      records.add(new JsonObject().put("key", "a").put("timestamp", time).put("value", 1.0));
    }
    records.add(new JsonObject().put("key", "b").put("timestamp", "2024-01-01T11:00:00Z").put("value", 1.0));
    Response sent = api.post(path + "/send_data", records, writeKey);
    assertEquals(200, sent.status(), sent.toString());
    api.awaitData(path + "/get_data?limit=100", writeKey, r -> r.json().getJsonArray("data").size() == 6);
  }

  private List<String> stored() {
    List<String> records = new ArrayList<>();
    api.get(path + "/get_data?limit=100", writeKey).json().getJsonArray("data").forEach(record ->
        records.add(((JsonObject) record).getString("key") + " " + ((JsonObject) record).getString("timestamp")));
    return records;
  }

  @Test
  void keyAndRangeDeleteInclusiveBounds() {
    JsonObject criteria = new JsonObject().put("key", "a").put("timestamp_from", "2024-01-01T11:00:00Z")
        .put("timestamp_to", "2024-01-01T14:00:00+02:00");

    Response response = api.delete(path + "/delete_data", criteria, masterKey);

    assertEquals(200, response.status(), response.toString());
    JsonObject body = response.json();
    assertEquals("Data deleted successfully", body.getString("message"));
    assertEquals(criteria, body.getJsonObject("criteria"));
    assertEquals(1, body.getInteger("deleted_partitions"));
    assertEquals(2, body.getInteger("deleted_records"));
    assertEquals(List.of("a 2024-01-02T10:00:00.000Z", "a 2024-01-01T13:00:00.000Z", "a 2024-01-01T10:00:00.000Z",
        "b 2024-01-01T11:00:00.000Z"), stored());
  }

  @Test
  void keyOnlyDeletesEveryPartitionOfKey() {
    Response response = api.delete(path + "/delete_data", new JsonObject().put("key", "a"), masterKey);

    assertEquals(200, response.status(), response.toString());
    assertEquals(2, response.json().getInteger("deleted_partitions"));
    assertEquals(5, response.json().getInteger("deleted_records"));
    assertNull(response.json().getJsonObject("criteria").getValue("timestamp_from"));
    assertEquals(List.of("b 2024-01-01T11:00:00.000Z"), stored());
    JsonArray counts = api.get(path + "/statistics?stat=count", writeKey).array();
    assertEquals(1, counts.size(), counts.encode());
  }

  /**
   * The sink remembers which partition-index rows it wrote. Deleting a whole partition removes its
   * index row, so the sink must write it again for new records of that key and day, or get_data,
   * which finds partitions through the index, would never return them.
   */
  @Test
  void recordsSentAfterPartitionDeleteAreRead() {
    Response deleted = api.delete(path + "/delete_data", new JsonObject().put("key", "a"), masterKey);
    assertEquals(200, deleted.status(), deleted.toString());
    assertEquals(5, deleted.json().getInteger("deleted_records"));
    assertEquals(List.of("b 2024-01-01T11:00:00.000Z"), stored());

    JsonArray again = new JsonArray()
        .add(new JsonObject().put("key", "a").put("timestamp", "2024-01-01T15:00:00Z").put("value", 2.0))
        .add(new JsonObject().put("key", "a").put("timestamp", "2024-01-01T16:00:00Z").put("value", 2.0));
    Response sent = api.post(path + "/send_data", again, writeKey);
    assertEquals(200, sent.status(), sent.toString());

    api.awaitData(path + "/get_data?limit=100", writeKey, r -> r.json().getJsonArray("data").size() == 3);
    assertEquals(List.of("a 2024-01-01T16:00:00.000Z", "a 2024-01-01T15:00:00.000Z", "b 2024-01-01T11:00:00.000Z"),
        stored());
    JsonArray keyA = api.get(path + "/get_data?key=a&limit=100", writeKey).json().getJsonArray("data");
    assertEquals(2, keyA.size(), keyA.encode());
  }

  @Test
  void rangeOnlyDeletesEveryKey() {
    JsonObject criteria = new JsonObject().put("timestamp_from", "2024-01-01T11:00:00Z");

    Response response = api.delete(path + "/delete_data", criteria, masterKey);

    assertEquals(200, response.status(), response.toString());
    assertEquals(3, response.json().getInteger("deleted_partitions"));
    assertEquals(5, response.json().getInteger("deleted_records"));
    assertEquals(List.of("a 2024-01-01T10:00:00.000Z"), stored());
  }

  @Test
  void noMatchSaysNothingWasDeleted() {
    Response response = api.delete(path + "/delete_data", new JsonObject().put("key", "zzz"), masterKey);

    assertEquals(200, response.status(), response.toString());
    assertEquals("No data found for the specified criteria", response.json().getString("message"));
    assertEquals(0, response.json().getInteger("deleted_records"));
    assertEquals(6, stored().size());
  }

  @Test
  void invalidCriteriaAreRejected() {
    Response empty = api.delete(path + "/delete_data", new JsonObject(), masterKey);
    assertEquals(422, empty.status(), empty.toString());

    Response badTime = api.delete(path + "/delete_data", new JsonObject().put("timestamp_to", "2024-01-01"), masterKey);
    assertEquals(422, badTime.status(), badTime.toString());
    assertEquals("timestamp_to", badTime.json().getJsonArray("errors").getJsonObject(0).getString("field"));

    Response reversed = api.delete(path + "/delete_data", new JsonObject().put("timestamp_from", "2024-01-02T00:00:00Z")
        .put("timestamp_to", "2024-01-01T00:00:00Z"), masterKey);
    assertEquals(422, reversed.status(), reversed.toString());
    assertEquals(6, stored().size());
  }

  @Test
  void writeKeyCannotDelete() {
    Response response = api.delete(path + "/delete_data", new JsonObject().put("key", "a"), writeKey);

    assertEquals(403, response.status(), response.toString());
    assertEquals(6, stored().size());
  }
}
