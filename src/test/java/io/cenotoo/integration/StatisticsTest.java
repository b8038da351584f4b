package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The statistics operation against the real stack, with the schema {sensor: text, value: float, count: int}. */
class StatisticsTest {

  private static final JsonObject SCHEMA = new JsonObject().put("sensor", "text").put("value", "float")
      .put("count", "int");

  private Api api;
  private Auth writeKey;
  private Auth readKey;
  private String path;

  @BeforeEach
  void createCollection() {
    api = Api.forTestNode();
    Auth admin = Auth.bearer(api.adminToken());
    String projectId = api.createProject(admin);
    writeKey = Auth.key(api.createKey(projectId, "write", admin));
    readKey = Auth.key(api.createKey(projectId, "read", admin));
    path = Api.collectionPath(projectId, api.createCollection(projectId, "stats", SCHEMA, admin));
  }

  private static JsonObject record(String key, String timestamp, String sensor, Double value, Long count) {
    return new JsonObject().put("key", key).put("timestamp", timestamp).put("sensor", sensor).put("value", value)
        .put("count", count);
  }

  private void store(JsonArray records) {
    Response sent = api.post(path + "/send_data", records, writeKey);
    assertEquals(200, sent.status(), sent.toString());
    api.awaitData(path + "/get_data?limit=1000", writeKey,
        r -> r.json().getJsonArray("data").size() == records.size());
  }

  private JsonArray statistics(String... parameters) {
    Response response = statisticsResponse(parameters);
    assertEquals(200, response.status(), response.toString());
    return response.array();
  }

  private Response statisticsResponse(String... parameters) {
    Map<String, String> query = new LinkedHashMap<>();
    for (int i = 0; i < parameters.length; i += 2) {
      query.put(parameters[i], parameters[i + 1]);
    }
    return api.get(path + "/statistics" + Api.query(query), readKey);
  }

  private static List<String> starts(JsonArray rows) {
    List<String> starts = new ArrayList<>();
    rows.forEach(row -> starts.add(((JsonObject) row).getString("interval_start")));
    return starts;
  }

  private static List<Long> counts(JsonArray rows, String field) {
    List<Long> counts = new ArrayList<>();
    rows.forEach(row -> counts.add(((JsonObject) row).getLong(field)));
    return counts;
  }

  private static List<Object> values(JsonArray rows, String field) {
    List<Object> values = new ArrayList<>();
    rows.forEach(row -> values.add(((JsonObject) row).getValue(field)));
    return values;
  }

  @Test
  void hourlyCountsStartOnHourBoundaries() {
    JsonArray records = new JsonArray();
    for (String time : List.of("00:30", "01:10", "01:50", "03:05")) {
      records.add(record("a", "2024-01-01T" + time + ":00Z", "s", 1.0, 1L));
    }
    store(records);

    JsonArray rows = statistics("stat", "count", "attribute", "value", "interval", "every_1_hours");

    assertEquals(List.of("2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z", "2024-01-01T03:00:00Z"), starts(rows));
    assertEquals(List.of(1L, 2L, 1L), counts(rows, "count_value"));
    assertEquals("a", rows.getJsonObject(0).getString("key"));
  }

  @Test
  void averageOfIdenticalDecimalsIsExact() {
    JsonArray records = new JsonArray();
    for (int i = 0; i < 10; i++) {
      records.add(record("a", "2024-01-01T00:0" + i + ":00Z", "s", 358.84, 1L));
    }
    store(records);

    for (String interval : List.of("every_1_days", "every_1_hours")) {
      JsonArray avg = statistics("stat", "avg", "attribute", "value", "interval", interval);
      JsonArray sum = statistics("stat", "sum", "attribute", "value", "interval", interval);

      assertEquals(358.84, avg.getJsonObject(0).getDouble("avg_value"), 0.0, interval);
      assertTrue(avg.encode().contains("\"avg_value\":358.84}"), avg.encode());
      assertEquals(3588.4, sum.getJsonObject(0).getDouble("sum_value"), 0.0, interval);
    }
  }

  @Test
  void everyStatOverOneDay() {
    store(new JsonArray()
        .add(record("a", "2024-01-01T01:00:00Z", "x", 1.5, 10L))
        .add(record("a", "2024-01-01T02:00:00Z", "y", 2.5, 20L))
        .add(record("a", "2024-01-01T03:00:00Z", "y", 2.5, 30L))
        .add(record("a", "2024-01-01T04:00:00Z", "z", null, null)));

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("avg", 13.0 / 6);
    expected.put("min", 1.5);
    expected.put("max", 2.5);
    expected.put("sum", 6.5);
    expected.put("count", 3L);
    expected.put("distinct", 2L);
    for (Map.Entry<String, Object> stat : expected.entrySet()) {
      for (String filters : new String[] {null, "[{\"property_name\":\"count\",\"operator\":\"ne\",\"property_value\":0}]"}) {
        JsonArray rows = filters == null ? statistics("stat", stat.getKey(), "attribute", "value")
            : statistics("stat", stat.getKey(), "attribute", "value", "filters", filters);
        assertEquals(1, rows.size(), rows.encode());
        Object value = rows.getJsonObject(0).getValue(stat.getKey() + "_value");
        assertEquals(((Number) stat.getValue()).doubleValue(), ((Number) value).doubleValue(), 1e-12,
            stat.getKey() + " with filters " + filters);
      }
    }
    assertEquals(30L, statistics("stat", "max", "attribute", "count").getJsonObject(0).getLong("max_count"));
    assertEquals(60L, statistics("stat", "sum", "attribute", "count").getJsonObject(0).getLong("sum_count"));
    assertEquals(3L, statistics("stat", "distinct", "attribute", "sensor").getJsonObject(0).getLong("distinct_sensor"));
    assertEquals(4L, statistics("stat", "count").getJsonObject(0).getLong("count"));
    assertEquals(4L, statistics("stat", "count", "attribute", "sensor").getJsonObject(0).getLong("count_sensor"));
    assertEquals(4L, statistics("stat", "count", "attribute", "key").getJsonObject(0).getLong("count_key"));
    assertEquals(3L, statistics("stat", "count", "attribute", "count").getJsonObject(0).getLong("count_count"));
    assertEquals(1L, statistics("stat", "distinct", "attribute", "key").getJsonObject(0).getLong("distinct_key"));
    assertEquals("2024-01-01T00:00:00Z", statistics("stat", "count").getJsonObject(0).getString("interval_start"));
  }

  @Test
  void everyIntervalUnitAlignsToCalendar() {
    store(new JsonArray()
        .add(record("a", "2024-01-03T10:20:00Z", "s", 1.0, 1L))
        .add(record("a", "2024-01-10T00:05:00Z", "s", 1.0, 1L))
        .add(record("a", "2024-02-15T12:00:00Z", "s", 1.0, 1L))
        .add(record("a", "2024-04-01T00:00:00Z", "s", 1.0, 1L)));

    assertEquals(List.of("2024-01-03T10:15:00Z", "2024-01-10T00:00:00Z", "2024-02-15T12:00:00Z", "2024-04-01T00:00:00Z"),
        starts(statistics("stat", "count", "interval", "every_15_minutes")));
    assertEquals(List.of("2024-01-03T06:00:00Z", "2024-01-10T00:00:00Z", "2024-02-15T12:00:00Z", "2024-04-01T00:00:00Z"),
        starts(statistics("stat", "count", "interval", "every_6_hours")));
    assertEquals(starts(statistics("stat", "count", "interval", "every_1_hours")),
        starts(statistics("stat", "count", "interval", "every_1_hour")));
    assertEquals(List.of(twoDayStart("2024-01-03"), twoDayStart("2024-01-10"), twoDayStart("2024-02-15"),
        twoDayStart("2024-04-01")), starts(statistics("stat", "count", "interval", "every_2_days")));
    assertEquals(List.of("2024-01-01T00:00:00Z", "2024-01-08T00:00:00Z", "2024-02-12T00:00:00Z", "2024-04-01T00:00:00Z"),
        starts(statistics("stat", "count", "interval", "every_1_week")));

    JsonArray months = statistics("stat", "count", "interval", "every_1_months");
    assertEquals(List.of("2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", "2024-04-01T00:00:00Z"), starts(months));
    assertEquals(List.of(2L, 1L, 1L), counts(months, "count"));
    JsonArray quarters = statistics("stat", "count", "interval", "every_3_months");
    assertEquals(List.of("2024-01-01T00:00:00Z", "2024-04-01T00:00:00Z"), starts(quarters));
    assertEquals(List.of(3L, 1L), counts(quarters, "count"));
  }

  private static String twoDayStart(String date) {
    long day = LocalDate.parse(date).toEpochDay();
    return LocalDate.ofEpochDay(Math.floorDiv(day, 2) * 2) + "T00:00:00Z";
  }

  @Test
  void timeZoneDaysFollowDaylightSaving() {
    store(new JsonArray()
        .add(record("a", "2024-03-10T04:30:00Z", "s", 1.0, 1L))
        .add(record("a", "2024-03-10T05:30:00Z", "s", 2.0, 1L))
        .add(record("a", "2024-03-11T03:30:00Z", "s", 3.0, 1L))
        .add(record("a", "2024-03-11T04:30:00Z", "s", 4.0, 1L)));

    String filter = "[{\"property_name\":\"value\",\"operator\":\"gte\",\"property_value\":0}]";
    for (String filters : new String[] {"[]", filter}) {
      JsonArray rows = statistics("stat", "sum", "attribute", "value", "interval", "every_1_days",
          "tz", "America/New_York", "filters", filters);

      assertEquals(List.of("2024-03-09T00:00:00-05:00", "2024-03-10T00:00:00-05:00", "2024-03-11T00:00:00-04:00"),
          starts(rows), filters);
      assertEquals(List.of(1.0, 5.0, 4.0), values(rows, "sum_value"), filters);
    }
  }

  @Test
  void orderByValuePutsNullsLast() {
    store(new JsonArray()
        .add(record("a", "2024-01-01T01:00:00Z", "x", 1.0, 1L))
        .add(record("b", "2024-01-01T02:00:00Z", "y", 5.0, 1L))
        .add(record("c", "2024-01-01T03:00:00Z", "z", null, 1L))
        .add(record("d", "2024-01-01T04:00:00Z", "w", 3.0, 1L)));

    JsonArray byGroup = statistics("stat", "max", "attribute", "value", "group_by", "sensor");
    assertEquals(List.of("w", "x", "y", "z"), values(byGroup, "sensor"));

    JsonArray descending = statistics("stat", "max", "attribute", "value", "group_by", "sensor", "order", "desc");
    assertEquals(List.of("y", "w", "x", "z"), values(descending, "sensor"));
    assertNull(descending.getJsonObject(3).getValue("max_value"));

    JsonArray ascending = statistics("stat", "max", "attribute", "value", "order", "asc", "limit", "2");
    assertEquals(List.of("a", "d"), values(ascending, "key"));
  }

  @Test
  void filtersAndOrGroupsSelectRecords() {
    store(new JsonArray()
        .add(record("a", "2024-01-01T01:00:00Z", "x", 1.0, 1L))
        .add(record("a", "2024-01-01T02:00:00Z", "y", 2.0, 2L))
        .add(record("b", "2024-01-01T03:00:00Z", "z", 4.0, 3L)));

    String or = "[{\"operator\":\"or\",\"operands\":[{\"property_name\":\"sensor\",\"operator\":\"eq\","
        + "\"property_value\":\"x\"},{\"property_name\":\"count\",\"operator\":\"gt\",\"property_value\":2}]}]";
    JsonArray rows = statistics("stat", "sum", "attribute", "value", "filters", or);

    assertEquals(List.of("a", "b"), values(rows, "key"));
    assertEquals(List.of(1.0, 4.0), values(rows, "sum_value"));
  }

  @Test
  void singleTimeBoundRestrictsRecords() {
    store(new JsonArray()
        .add(record("a", "2024-01-01T01:00:00Z", "x", 1.0, 1L))
        .add(record("a", "2024-01-02T01:00:00Z", "x", 2.0, 1L))
        .add(record("a", "2024-01-03T01:00:00Z", "x", 4.0, 1L)));

    assertEquals(List.of(2.0, 4.0),
        values(statistics("stat", "sum", "attribute", "value", "start_time", "2024-01-02T01:00:00Z"), "sum_value"));
    assertEquals(List.of(1.0, 2.0),
        values(statistics("stat", "sum", "attribute", "value", "end_time", "2024-01-02T01:00:00Z"), "sum_value"));
    assertEquals(List.of(2.0), values(statistics("stat", "sum", "attribute", "value", "interval", "every_1_hours",
        "start_time", "2024-01-02T00:00:00+01:00", "end_time", "2024-01-02T02:00:00Z"), "sum_value"));
  }

  @Test
  void invalidParametersAreRejectedNamingThem() {
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put("stat", new String[] {"stat", "median", "attribute", "value"});
    cases.put("interval", new String[] {"attribute", "value", "interval", "every_2_fortnights"});
    cases.put("tz", new String[] {"attribute", "value", "tz", "Mars/Olympus"});
    cases.put("attribute", new String[] {"attribute", "nope"});
    cases.put("group_by", new String[] {"attribute", "value", "group_by", "nope"});
    cases.put("order", new String[] {"attribute", "value", "order", "up"});
    cases.put("limit", new String[] {"attribute", "value", "limit", "0"});
    cases.put("start_time", new String[] {"attribute", "value", "start_time", "2024-01-01"});
    cases.put("filters", new String[] {"attribute", "value", "filters", "{not json"});
    cases.put("filters[0].operator", new String[] {"attribute", "value", "filters",
        "[{\"property_name\":\"value\",\"operator\":\"like\",\"property_value\":1}]"});

    for (Map.Entry<String, String[]> entry : cases.entrySet()) {
      Response response = statisticsResponse(entry.getValue());
      assertEquals(422, response.status(), entry.getKey() + ": " + response);
      assertEquals(entry.getKey(), response.json().getJsonArray("errors").getJsonObject(0).getString("field"),
          response.toString());
    }
    Response textAverage = statisticsResponse("stat", "avg", "attribute", "sensor");
    assertEquals(422, textAverage.status(), textAverage.toString());
    assertTrue(textAverage.json().getJsonArray("errors").getJsonObject(0).getString("message").contains("int or float"));
  }

  @Test
  void writeKeyAndReadKeyMayReadStatistics() {
    assertEquals(200, api.get(path + "/statistics?stat=count", writeKey).status());
    assertEquals(200, api.get(path + "/statistics?stat=count", readKey).status());
    assertEquals(401, api.get(path + "/statistics?stat=count", Auth.NONE).status());
  }
}
