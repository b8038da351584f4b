package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * get_data filters and order_by against the real stack. Twelve records r0 to r11 with the schema
 * {n: int, value: float, sensor: text, ok: bool, tags: [text]}: n = i, value = i / 2 (null for
 * r11), sensor = s(i % 3), ok = (i is even), tags = [t(i % 2)].
 */
class GetDataFiltersTest {

  private static final int RECORDS = 12;

  private static Api api;
  private static Auth key;
  private static String path;

  @BeforeAll
  static void storeRecords() {
    api = Api.forTestNode();
    Auth admin = Auth.bearer(api.adminToken());
    String projectId = api.createProject(admin);
    key = Auth.key(api.createKey(projectId, "write", admin));
    JsonObject schema = new JsonObject().put("n", "int").put("value", "float").put("sensor", "text").put("ok", "bool")
        .put("tags", new JsonArray().add("text"));
    path = Api.collectionPath(projectId, api.createCollection(projectId, "filters", schema, admin));

    JsonArray records = new JsonArray();
    for (int i = 0; i < RECORDS; i++) {
      records.add(new JsonObject().put("key", "r" + i).put("timestamp", String.format("2024-01-%02dT00:00:00Z", 1 + i))
          .put("n", i).put("value", i == RECORDS - 1 ? null : i / 2.0).put("sensor", "s" + (i % 3))
          .put("ok", i % 2 == 0).put("tags", new JsonArray().add("t" + (i % 2))));
    }
    assertEquals(200, api.post(path + "/send_data", records, key).status());
    api.awaitData(path + "/get_data?limit=100", key, r -> r.json().getJsonArray("data").size() == RECORDS);
  }

  private static Response get(Map<String, String> parameters) {
    return api.get(path + "/get_data" + Api.query(parameters), key);
  }

  private static Set<Integer> matching(String property, String operator, Object value) {
    JsonArray filters = new JsonArray().add(new JsonObject().put("property_name", property).put("operator", operator)
        .put("property_value", value));
    return numbers(filtered(filters.encode()));
  }

  private static JsonArray filtered(String filters) {
    Response response = get(Map.of("limit", "100", "filters", filters));
    assertEquals(200, response.status(), response.toString());
    assertEquals(response.json().getJsonArray("data").size(), response.json().getInteger("total_count"));
    return response.json().getJsonArray("data");
  }

  private static Set<Integer> numbers(JsonArray records) {
    Set<Integer> numbers = new HashSet<>();
    records.forEach(record -> numbers.add(((JsonObject) record).getInteger("n")));
    return numbers;
  }

  private static List<Integer> orderedNumbers(JsonArray records) {
    List<Integer> numbers = new ArrayList<>();
    records.forEach(record -> numbers.add(((JsonObject) record).getInteger("n")));
    return numbers;
  }

  @Test
  void everyOperatorSelectsMatchingRecords() {
    assertEquals(Set.of(3), matching("n", "eq", 3));
    assertEquals(11, matching("n", "ne", 3).size());
    assertEquals(Set.of(0, 1), matching("n", "lt", 2));
    assertEquals(Set.of(0, 1), matching("n", "less", 2));
    assertEquals(Set.of(0, 1, 2), matching("n", "lte", 2));
    assertEquals(Set.of(0, 1, 2), matching("n", "le", 2));
    assertEquals(Set.of(10), matching("value", "gt", 4.5));
    assertEquals(Set.of(10), matching("value", "greater", 4.5));
    assertEquals(Set.of(9, 10), matching("value", "gte", 4.5));
    assertEquals(Set.of(9, 10), matching("value", "ge", 4.5));
    assertEquals(Set.of(1, 4, 7, 10), matching("sensor", "in", new JsonArray().add("s1")));
    assertEquals(Set.of(0, 2, 4, 6, 8, 10), matching("tags", "contains", "t0"));
    assertEquals(Set.of(1, 3, 5, 7, 9, 11), matching("tags", "not_contains", "t0"));
    assertEquals(Set.of(2, 5, 8, 11), matching("sensor", "contains", "2"));
    assertEquals(Set.of(0, 2, 4, 6, 8, 10), matching("ok", "eq", true));
    assertEquals(Set.of(5), matching("key", "eq", "r5"));
    assertEquals(Set.of(0, 1), matching("timestamp", "lt", "2024-01-03T00:00:00Z"));
    assertTrue(matching("value", "ne", 1.0).contains(11), "a null value matches ne");
  }

  @Test
  void orGroupAndConditionsCombine() {
    String filters = "[{\"property_name\":\"ok\",\"operator\":\"eq\",\"property_value\":true},"
        + "{\"operator\":\"or\",\"operands\":[{\"property_name\":\"n\",\"operator\":\"lt\",\"property_value\":3},"
        + "{\"property_name\":\"n\",\"operator\":\"gt\",\"property_value\":8}]}]";

    assertEquals(Set.of(0, 2, 10), numbers(filtered(filters)));
  }

  @Test
  void invalidFiltersAreRejectedNamingThem() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("filters[0].property_name", "[{\"property_name\":\"nope\",\"operator\":\"eq\",\"property_value\":1}]");
    cases.put("filters[0].operator", "[{\"property_name\":\"n\",\"operator\":\"like\",\"property_value\":1}]");
    cases.put("filters[0].property_value", "[{\"property_name\":\"n\",\"operator\":\"eq\",\"property_value\":\"one\"}]");
    cases.put("filters", "{\"property_name\":\"n\"}");
    for (Map.Entry<String, String> entry : cases.entrySet()) {
      Response response = get(Map.of("filters", entry.getValue()));
      assertEquals(422, response.status(), response.toString());
      assertEquals(entry.getKey(), response.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    }
  }

  @Test
  void filteredPagesFollowCursorExactlyOnce() {
    String filters = "[{\"property_name\":\"n\",\"operator\":\"ge\",\"property_value\":2}]";
    Set<Integer> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      Map<String, String> parameters = new LinkedHashMap<>(Map.of("limit", "3", "filters", filters));
      if (cursor != null) {
        parameters.put("cursor", cursor);
      }
      JsonObject page = get(parameters).json();
      page.getJsonArray("data").forEach(r -> assertTrue(seen.add(((JsonObject) r).getInteger("n")), "repeated " + r));
      cursor = page.getString("next_cursor");
      pages++;
    } while (cursor != null);

    assertEquals(10, seen.size());
    assertEquals(4, pages);
  }

  @Test
  void cursorOfOtherFiltersIsRejected() {
    JsonObject first = get(Map.of("limit", "3", "filters", "[{\"property_name\":\"n\",\"operator\":\"ge\","
        + "\"property_value\":2}]")).json();

    Response response = get(Map.of("limit", "3", "cursor", first.getString("next_cursor"), "filters",
        "[{\"property_name\":\"n\",\"operator\":\"ge\",\"property_value\":3}]"));

    assertEquals(422, response.status(), response.toString());
    assertEquals("cursor", response.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void orderByFieldSortsWithNullsLast() {
    JsonObject descending = get(Map.of("limit", "100", "order_by", "{\"field\":\"value\",\"order\":\"desc\"}")).json();
    assertEquals(List.of(10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 11), orderedNumbers(descending.getJsonArray("data")));
    assertEquals(12, descending.getInteger("total_count"));

    JsonObject ascending = get(Map.of("limit", "100", "order_by", "{\"field\":\"value\",\"order\":\"asc\"}")).json();
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), orderedNumbers(ascending.getJsonArray("data")));
  }

  @Test
  void orderByPagesWithOffset() {
    Map<String, String> parameters = new LinkedHashMap<>(Map.of("limit", "4", "offset", "4",
        "order_by", "{\"field\":\"n\",\"order\":\"desc\"}",
        "filters", "[{\"property_name\":\"ok\",\"operator\":\"eq\",\"property_value\":true}]"));

    JsonObject page = get(parameters).json();

    assertEquals(List.of(2, 0), orderedNumbers(page.getJsonArray("data")));
    assertFalse(page.getBoolean("has_more"));
    assertNull(page.getString("next_cursor"));
    assertEquals(6, page.getInteger("total_count"));

    parameters.put("offset", "0");
    parameters.put("limit", "2");
    JsonObject first = get(parameters).json();
    assertEquals(List.of(10, 8), orderedNumbers(first.getJsonArray("data")));
    assertTrue(first.getBoolean("has_more"));
  }

  @Test
  void invalidOrderByIsRejected() {
    for (String orderBy : List.of("{\"field\":\"nope\"}", "{\"field\":\"n\",\"order\":\"up\"}", "not json",
        "{\"field\":\"tags\"}")) {
      Response response = get(Map.of("order_by", orderBy));
      assertEquals(422, response.status(), orderBy + ": " + response);
      assertEquals("order_by", response.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    }
    Response withCursor = get(Map.of("order_by", "{\"field\":\"n\"}", "cursor", "abc"));
    assertEquals(422, withCursor.status(), withCursor.toString());
  }
}
