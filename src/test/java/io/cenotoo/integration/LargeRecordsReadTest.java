package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * get_data and statistics over records of almost 1 MB each, which no read may keep by the hundred
 * in the node's memory. A page ends early once its rows take 8 MiB. order_by fails with 422 once
 * the records it sorts take 32 MiB, and statistics once their group values take 64 MiB.
 */
class LargeRecordsReadTest {

  private static final int NOTE_LENGTH = 900_000;
  /**
   * 40 records of 900,000 bytes, each note different: more than the 32 MiB that order_by may sort,
   * and as group values (two bytes per character) more than the 64 MiB that statistics may hold.
   */
  private static final int RECORDS = 40;
  /** Rows of 900,000 bytes until a page passes 8 MiB. */
  private static final int ROWS_PER_PAGE = 10;

  private static final String ORDER_BY_N = "{\"field\": \"n\", \"order\": \"asc\"}";

  private static Api api;
  private static Auth admin;
  private static String projectId;
  private static Auth writeKey;
  private static String path;

  @BeforeAll
  static void storeLargeRecords() {
    api = Api.forTestNode();
    admin = Auth.bearer(api.adminToken());
    projectId = api.createProject(admin);
    writeKey = Auth.key(api.createKey(projectId, "write", admin));
    path = Api.collectionPath(projectId, api.createCollection(projectId, "large_records",
        new JsonObject().put("n", "int").put("note", "text"), admin));
    for (int i = 0; i < RECORDS; i += 2) {
      // Two records per request stay under the test node's 2 MiB body limit.
      JsonArray batch = new JsonArray().add(record(i)).add(record(i + 1));
      Api.expect(200, api.post(path + "/send_data", batch, writeKey));
    }
    api.awaitData(path + "/get_data?limit=1&include_total=true", writeKey,
        r -> r.json().getLong("total_count") == RECORDS);
  }

  /**
   * Deletes the records' topic and table, so that the sinks of later tests, which read every
   * collection topic from its first offset, do not spend their time on these records.
   */
  @AfterAll
  static void deleteProject() {
    Api.expect(200, api.delete("/api/v1/projects/" + projectId, null, admin));
  }

  private static JsonObject record(int n) {
    String second = String.format("%02d", n);
    return new JsonObject().put("key", "large").put("timestamp", "2026-03-02T00:00:" + second + "Z").put("n", n)
        .put("note", second + Character.toString('a' + n % 26).repeat(NOTE_LENGTH - second.length()));
  }

  @Test
  void pageEndsEarlyAtEightMebibytes() {
    Response page = api.get(path + "/get_data?limit=100", writeKey);

    assertEquals(200, page.status(), () -> page.toString().substring(0, 300));
    assertEquals(ROWS_PER_PAGE, page.json().getJsonArray("data").size());
    assertTrue(page.json().getBoolean("has_more"));
    assertNotNull(page.json().getString("next_cursor"));
  }

  @Test
  void cursorsReturnEveryRecordOnce() {
    Set<Long> seen = new HashSet<>();
    int pages = 0;
    String cursor = null;
    do {
      String query = cursor == null ? "?limit=100" : Api.query(Map.of("limit", "100", "cursor", cursor));
      Response page = api.get(path + "/get_data" + query, writeKey);
      assertEquals(200, page.status(), () -> page.toString().substring(0, 300));
      for (Object record : page.json().getJsonArray("data")) {
        JsonObject stored = (JsonObject) record;
        assertTrue(seen.add(stored.getLong("n")), "record " + stored.getLong("n") + " came twice");
        assertEquals(NOTE_LENGTH, stored.getString("note").length());
      }
      cursor = page.json().getString("next_cursor");
      pages++;
    } while (cursor != null);

    assertEquals(RECORDS, seen.size());
    assertEquals(4, pages, "40 records of 10 per page");
  }

  @Test
  void orderByOverThirtyTwoMebibytesGets422() {
    Response response = api.get(path + "/get_data" + Api.query(Map.of("limit", "100", "order_by", ORDER_BY_N)), writeKey);

    assertEquals(422, response.status(), response.toString());
    JsonArray errors = response.json().getJsonArray("errors");
    assertEquals("limit", errors.getJsonObject(0).getString("field"), response.toString());
  }

  @Test
  void orderByWithinBudgetSortsRecords() {
    JsonArray below20 = new JsonArray().add(new JsonObject().put("property_name", "n").put("operator", "lt")
        .put("property_value", 20));
    Response response = api.get(path + "/get_data" + Api.query(Map.of("limit", "20", "order_by", ORDER_BY_N,
        "filters", below20.encode())), writeKey);

    assertEquals(200, response.status(), () -> response.toString().substring(0, 300));
    JsonArray data = response.json().getJsonArray("data");
    assertEquals(20, data.size());
    assertEquals(0L, data.getJsonObject(0).getLong("n"));
    assertEquals(19L, data.getJsonObject(19).getLong("n"));
    assertFalse(response.json().getBoolean("has_more"));
  }

  @Test
  void distinctCountsLargeTexts() {
    Response response = api.get(path + "/statistics" + Api.query(Map.of("stat", "distinct", "attribute", "note",
        "interval", "every_1_days", "start_time", "2026-03-02T00:00:00Z", "end_time", "2026-03-02T23:59:59Z")), writeKey);

    assertEquals(200, response.status(), () -> response.toString().substring(0, 300));
    assertEquals(RECORDS, response.array().getJsonObject(0).getInteger("distinct_note"), response.toString());
  }

  @Test
  void groupsOverSixtyFourMebibytesGet422() {
    Response response = api.get(path + "/statistics" + Api.query(Map.of("stat", "count", "group_by", "note",
        "start_time", "2026-03-02T00:00:00Z", "end_time", "2026-03-02T23:59:59Z")), writeKey);

    assertEquals(422, response.status(), () -> response.toString().substring(0, 300));
    assertEquals("group_by", response.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void groupsWithinBudgetAreCounted() {
    JsonArray below20 = new JsonArray().add(new JsonObject().put("property_name", "n").put("operator", "lt")
        .put("property_value", 20));
    Response response = api.get(path + "/statistics" + Api.query(Map.of("stat", "count", "group_by", "note",
        "interval", "every_1_days", "start_time", "2026-03-02T00:00:00Z", "end_time", "2026-03-02T23:59:59Z",
        "filters", below20.encode())), writeKey);

    assertEquals(200, response.status(), () -> response.toString().substring(0, 300));
    assertEquals(20, response.array().size());
    assertEquals(1L, response.array().getJsonObject(0).getLong("count"));
  }
}
