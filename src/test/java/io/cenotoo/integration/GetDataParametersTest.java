package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * get_data's query parameters and keyed reads. Keys "a" and "b" have three records on each of the
 * days 2024-03-01 to 2024-03-05 (n = day * 10 + hour), and key "a" one more on 2024-05-01 (n = 999).
 * A keyed read over a few days visits the key's partitions directly; over more than a month it
 * walks the partition index. Both must return the same records in the same order.
 */
class GetDataParametersTest {

  private static final String MARCH_START = "2024-03-01T00:00:00Z";
  private static final String MARCH_END = "2024-03-05T23:59:59Z";

  private static Api api;
  private static Auth key;
  private static String path;

  @BeforeAll
  static void storeRecords() {
    api = Api.forTestNode();
    Auth admin = Auth.bearer(api.adminToken());
    String projectId = api.createProject(admin);
    key = Auth.key(api.createKey(projectId, "write", admin));
    path = Api.collectionPath(projectId, api.createCollection(projectId, "parameters",
        new JsonObject().put("n", "int").put("label", "text"), admin));

    JsonArray records = new JsonArray();
    for (String recordKey : List.of("a", "b")) {
      for (int day = 1; day <= 5; day++) {
        for (int hour = 1; hour <= 3; hour++) {
          records.add(new JsonObject().put("key", recordKey)
              .put("timestamp", String.format("2024-03-%02dT%02d:00:00Z", day, hour))
              .put("n", day * 10 + hour).put("label", recordKey + day));
        }
      }
    }
    records.add(new JsonObject().put("key", "a").put("timestamp", "2024-05-01T12:00:00Z").put("n", 999).put("label", "a-may"));
    assertEquals(200, api.post(path + "/send_data", records, key).status());
    api.awaitData(path + "/get_data?limit=100", key, r -> r.json().getJsonArray("data").size() == records.size());
  }

  @Test
  void keyedReadOverDaysIsNewestFirst() {
    JsonArray data = page(Map.of("key", "a", "start_time", MARCH_START, "end_time", MARCH_END, "limit", "100"))
        .getJsonArray("data");

    List<Integer> expected = new ArrayList<>();
    for (int day = 5; day >= 1; day--) {
      for (int hour = 3; hour >= 1; hour--) {
        expected.add(day * 10 + hour);
      }
    }
    assertEquals(expected, numbers(data));
    data.forEach(record -> assertEquals("a", ((JsonObject) record).getString("key")));
  }

  @Test
  void monthRangeMatchesDayRange() {
    List<Integer> days = numbers(page(Map.of("key", "a", "start_time", MARCH_START, "end_time", MARCH_END,
        "limit", "100")).getJsonArray("data"));
    List<Integer> months = numbers(page(Map.of("key", "a", "start_time", MARCH_START,
        "end_time", "2024-05-31T23:59:59Z", "limit", "100")).getJsonArray("data"));

    List<Integer> expected = new ArrayList<>();
    expected.add(999);
    expected.addAll(days);
    assertEquals(expected, months);
  }

  @Test
  void keyedCursorPagesCrossDaysExactlyOnce() {
    List<Integer> all = numbers(page(Map.of("key", "b", "start_time", MARCH_START, "end_time", MARCH_END,
        "limit", "100")).getJsonArray("data"));

    List<Integer> paged = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Map<String, String> parameters = new LinkedHashMap<>(Map.of("key", "b", "start_time", MARCH_START,
          "end_time", MARCH_END, "limit", "4"));
      if (cursor != null) {
        parameters.put("cursor", cursor);
      }
      JsonObject page = page(parameters);
      paged.addAll(numbers(page.getJsonArray("data")));
      cursor = page.getString("next_cursor");
      assertEquals(page.getBoolean("has_more"), cursor != null);
      pages++;
    } while (cursor != null && pages < 10);

    assertEquals(15, all.size());
    assertEquals(all, paged);
    assertEquals(4, pages);
  }

  @Test
  void repeatedAttributesSelectFields() {
    JsonObject record = api.get(path + "/get_data?key=a&limit=1&attributes=label&attributes=n", key).json()
        .getJsonArray("data").getJsonObject(0);

    assertEquals(999, record.getInteger("n"));
    assertEquals("a-may", record.getString("label"));
  }

  @Test
  void typedParametersAreRead() {
    JsonObject page = api.get(path + "/get_data?key=b&limit=2&offset=1&include_total=TRUE&nested=false", key).json();

    assertEquals(List.of(52, 51), numbers(page.getJsonArray("data")));
    assertEquals(15, page.getInteger("total_count"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "limit=abc | limit | must be an integer",
      "limit=0 | limit | must be at least 1",
      "offset=-1 | offset | must be at least 0",
      "limit=99999999999 | limit | must be at most",
      "nested=yes | nested | must be true or false",
      "include_total=1 | include_total | must be true or false",
      "limit=5&limit=6 | limit | given 2 times"})
  void badParameterIsRejectedNamingIt(String query, String field, String message) {
    Response response = api.get(path + "/get_data?" + query, key);

    assertEquals(400, response.status(), response.toString());
    JsonObject error = response.json().getJsonArray("errors").getJsonObject(0);
    assertEquals(field, error.getString("field"));
    assertTrue(error.getString("message").contains(message), error.encode());
    assertTrue(response.header("Content-Type").startsWith("application/problem+json"));
  }

  @Test
  void malformedCollectionIdIsRejected() {
    Response response = api.get(path.replaceAll("[0-9a-f-]+$", "not-a-uuid") + "/get_data", key);

    assertFalse(response.status() >= 500, response.toString());
    assertTrue(response.status() == 400 || response.status() == 404, response.toString());
  }

  @Test
  void malformedProjectIdWithKeyIs400NamingIt() {
    Response response = api.get(path.replaceFirst("/projects/[0-9a-f-]+/", "/projects/not-a-uuid/") + "/get_data", key);

    assertEquals(400, response.status(), response.toString());
    assertEquals("project_id", response.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  private static JsonObject page(Map<String, String> parameters) {
    Response response = api.get(path + "/get_data" + Api.query(parameters), key);
    assertEquals(200, response.status(), response.toString());
    return response.json();
  }

  private static List<Integer> numbers(JsonArray records) {
    List<Integer> numbers = new ArrayList<>();
    records.forEach(record -> numbers.add(((JsonObject) record).getInteger("n")));
    return numbers;
  }
}
