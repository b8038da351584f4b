package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Problems users of comparable services reported, each as a request against the real stack. Every
 * test uses the collection schema {sensor: text, value: float, count: int, seen: timestamp}.
 */
class FieldCasesTest {

  private static final JsonObject SCHEMA = new JsonObject().put("sensor", "text").put("value", "float")
      .put("count", "int").put("seen", "timestamp");

  private Api api;
  private Auth key;
  private String projectId;
  private String path;

  @BeforeEach
  void createCollection() {
    api = Api.forTestNode();
    Auth admin = Auth.bearer(api.adminToken());
    projectId = api.createProject(admin);
    key = Auth.key(api.createKey(projectId, "write", admin));
    path = Api.collectionPath(projectId, api.createCollection(projectId, "cases", SCHEMA, admin));
  }

  private static JsonObject record(String key, String timestamp) {
    return new JsonObject().put("key", key).put("timestamp", timestamp).put("sensor", "a").put("value", 1.5)
        .put("count", 1).put("seen", "2024-01-01T00:00:00Z");
  }

  private JsonArray readAll(int expected) {
    return api.awaitData(path + "/get_data?limit=1000", key, r -> r.json().getJsonArray("data").size() >= expected)
        .json().getJsonArray("data");
  }

  @Test
  void numericTimestampIsRejectedNamingTheField() {
    JsonObject record = record("a", null).put("timestamp", 1700000000);

    Response response = api.post(path + "/send_data", record, key);

    assertEquals(422, response.status(), response.toString());
    assertEquals("application/problem+json", response.header("Content-Type"));
    JsonObject error = response.json().getJsonArray("errors").getJsonObject(0);
    assertEquals("[0].timestamp", error.getString("field"));
    assertTrue(error.getString("message").contains("ISO 8601"), error.getString("message"));
  }

  @Test
  void offsetTimestampIsReturnedInUtcWithZ() {
    Response sent = api.post(path + "/send_data", record("a", "2024-03-10T10:00:00+02:00"), key);
    assertEquals(200, sent.status(), sent.toString());

    JsonObject stored = readAll(1).getJsonObject(0);

    assertEquals("2024-03-10T08:00:00.000Z", stored.getString("timestamp"));
    assertEquals("2024-01-01T00:00:00.000Z", stored.getString("seen"));
  }

  @Test
  void integerAbove2Pow53RoundTripsExactly() {
    JsonObject record = record("a", "2024-01-01T00:00:00Z").put("count", 9007199254740993L);
    assertEquals(200, api.post(path + "/send_data", record, key).status());

    Response read = api.awaitData(path + "/get_data", key, r -> r.json().getJsonArray("data").size() == 1);

    assertTrue(read.raw().body().contains("\"count\":9007199254740993"), read.raw().body());
    assertEquals(9007199254740993L, read.json().getJsonArray("data").getJsonObject(0).getLong("count"));
  }

  @Test
  void integerLiteralIsAcceptedForFloat() {
    JsonObject record = record("a", "2024-01-01T00:00:00Z").put("value", 25);
    assertEquals(200, api.post(path + "/send_data", record, key).status());

    Object value = readAll(1).getJsonObject(0).getValue("value");

    assertTrue(value instanceof Number, "value must come back as a number, got " + value);
    assertEquals(25.0, ((Number) value).doubleValue());
  }

  @Test
  void fractionForIntIsRejectedNamingTheField() {
    JsonObject record = record("a", "2024-01-01T00:00:00Z").put("count", 25.5);

    Response response = api.post(path + "/send_data", record, key);

    assertEquals(422, response.status(), response.toString());
    assertEquals("[0].count", response.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void repeatedFieldKeepsLastValue() {
    String body = "{\"key\": \"a\", \"timestamp\": \"2024-01-01T00:00:00Z\", \"sensor\": \"first\","
        + " \"value\": 1.5, \"count\": 1, \"seen\": null, \"sensor\": \"last\"}";

    Response response = api.post(path + "/send_data", body, key);

    assertEquals(200, response.status(), response.toString());
    assertEquals("last", readAll(1).getJsonObject(0).getString("sensor"));
  }

  @Test
  void invalidJsonGets400BeforeCollectionLookup() {
    String missing = Api.collectionPath(projectId, UUID.randomUUID().toString());

    Response invalid = api.post(path + "/send_data", "{\"sensor\": ", key);
    Response invalidToMissing = api.post(missing + "/send_data", "{\"sensor\": ", key);
    Response validToMissing = api.post(missing + "/send_data", record("a", "2024-01-01T00:00:00Z"), key);

    assertEquals(400, invalid.status(), invalid.toString());
    assertTrue(invalid.json().getString("detail").contains("not valid JSON"), invalid.toString());
    assertEquals(400, invalidToMissing.status(), invalidToMissing.toString());
    assertEquals(404, validToMissing.status(), validToMissing.toString());
  }

  @Test
  void badBatchListsIndexesStoresNothing() {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 5; i++) {
      batch.add(record("batch", "2024-01-01T00:00:0" + i + "Z"));
    }
    batch.getJsonObject(1).put("value", "high");
    batch.getJsonObject(3).put("count", "three");

    Response response = api.post(path + "/send_data", batch, key);

    assertEquals(422, response.status(), response.toString());
    Set<String> fields = new HashSet<>();
    response.json().getJsonArray("errors").forEach(error -> fields.add(((JsonObject) error).getString("field")));
    assertEquals(Set.of("[1].value", "[3].count"), fields);
    assertTrue(response.json().getString("detail").contains("2 of 5"), response.json().getString("detail"));

    assertEquals(200, api.post(path + "/send_data", record("marker", "2024-01-02T00:00:00Z"), key).status());
    JsonArray stored = readAll(1);
    assertEquals(1, stored.size(), "only the marker record may be stored: " + stored);
  }

  @Test
  void sameKeyAndMillisecondRecordsAreBothKept() {
    JsonArray batch = new JsonArray()
        .add(record("same", "2024-01-01T12:00:00.123Z").put("value", 1.0))
        .add(record("same", "2024-01-01T12:00:00.123Z").put("value", 2.0));
    assertEquals(200, api.post(path + "/send_data", batch, key).status());

    JsonArray stored = readAll(2);

    Set<Double> values = new HashSet<>();
    stored.forEach(r -> values.add(((JsonObject) r).getDouble("value")));
    assertEquals(Set.of(1.0, 2.0), values);
  }

  @Test
  void cursorWalksAllRecordsExactlyOnce() {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 250; i++) {
      String key = "k" + (i % 3);
      batch.add(record(key, String.format("2024-01-%02dT%02d:%02d:00Z", 1 + i % 5, i % 24, i % 60)));
    }
    assertEquals(200, api.post(path + "/send_data", batch, key).status());
    api.awaitData(path + "/get_data?limit=1&offset=249", key, r -> r.json().getJsonArray("data").size() == 1);

    Set<String> ids = new HashSet<>();
    String cursor = null;
    List<Integer> sizes = new java.util.ArrayList<>();
    do {
      String query = cursor == null ? "?limit=100" : Api.query(Map.of("limit", "100", "cursor", cursor));
      JsonObject page = api.get(path + "/get_data" + query, key).json();
      page.getJsonArray("data").forEach(r -> assertTrue(ids.add(((JsonObject) r).getString("record_id")), "repeated"));
      sizes.add(page.getJsonArray("data").size());
      assertEquals(page.getString("next_cursor") != null, page.getBoolean("has_more"));
      cursor = page.getString("next_cursor");
    } while (cursor != null);

    assertEquals(List.of(100, 100, 50), sizes);
    assertEquals(250, ids.size());
  }

  @Test
  void firstPageSaysMoreAndGivesCursor() {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 3; i++) {
      batch.add(record("k", "2024-01-01T00:00:0" + i + "Z"));
    }
    assertEquals(200, api.post(path + "/send_data", batch, key).status());
    readAll(3);

    JsonObject page = api.get(path + "/get_data?limit=2", key).json();

    assertTrue(page.getBoolean("has_more"));
    assertNotNull(page.getString("next_cursor"));
    assertNull(page.getValue("total_count"));
    JsonObject counted = api.get(path + "/get_data?limit=2&include_total=true", key).json();
    assertEquals(3, counted.getInteger("total_count"));
    assertEquals(2, counted.getJsonArray("data").size());
    JsonObject last = api.get(path + "/get_data" + Api.query(Map.of("limit", "2", "cursor", page.getString("next_cursor"))),
        key).json();
    assertFalse(last.getBoolean("has_more"));
    assertEquals(1, last.getJsonArray("data").size());
  }

  @Test
  void limitAboveMaximumIsRejectedNamingTheMaximum() {
    Response response = api.get(path + "/get_data?limit=1001", key);

    assertEquals(422, response.status(), response.toString());
    JsonObject error = response.json().getJsonArray("errors").getJsonObject(0);
    assertEquals("limit", error.getString("field"));
    assertTrue(error.getString("message").contains("1000"), error.getString("message"));
  }
}
