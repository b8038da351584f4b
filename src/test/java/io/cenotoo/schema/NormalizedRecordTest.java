package io.cenotoo.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NormalizedRecordTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private static final CollectionSchema SCHEMA = CollectionSchema.parse(new JsonObject(
      "{\"sensor\": \"text\", \"value\": \"float\", \"count\": \"int\", \"ok\": \"bool\","
          + " \"day_of_visit\": \"date\", \"seen\": \"timestamp\","
          + " \"loc\": {\"lat\": \"float\", \"lon\": \"float\"}, \"tags\": [\"text\"],"
          + " \"times\": [\"timestamp\"]}"));

  private static NormalizedRecord validate(String json) {
    RecordResult result = new RecordValidator(SCHEMA).validateOne(new JsonObject(json), NOW);
    assertTrue(result.isValid(), () -> result.errors().toString());
    return result.record();
  }

  private static NormalizedRecord sample() {
    return validate("{\"key\": \"room-1\", \"timestamp\": \"2024-03-10T10:00:00+02:00\","
        + " \"sensor\": \"s1\", \"value\": 25, \"count\": 9007199254740993, \"ok\": false,"
        + " \"day_of_visit\": \"2024-03-10\", \"seen\": \"2024-01-01T00:00Z\","
        + " \"loc\": {\"lat\": 37.9, \"lon\": null}, \"tags\": [\"a\"],"
        + " \"times\": [\"2024-01-01T00:00:00.5+00:00\"]}");
  }

  @Test
  void toJsonIsCanonical() {
    JsonObject json = sample().toJson();

    JsonObject expected = new JsonObject("{\"key\": \"room-1\","
        + " \"timestamp\": \"2024-03-10T08:00:00.000Z\", \"sensor\": \"s1\", \"value\": 25.0,"
        + " \"count\": 9007199254740993, \"ok\": false, \"day_of_visit\": \"2024-03-10\","
        + " \"seen\": \"2024-01-01T00:00:00.000Z\", \"loc\": {\"lat\": 37.9, \"lon\": null},"
        + " \"tags\": [\"a\"], \"times\": [\"2024-01-01T00:00:00.500Z\"]}");
    assertEquals(expected, json);
  }

  @Test
  void toJsonKeepsDeclarationOrder() {
    List<String> names = List.copyOf(sample().toJson().fieldNames());

    assertEquals(List.of("key", "timestamp", "sensor", "value", "count", "ok", "day_of_visit",
        "seen", "loc", "tags", "times"), names);
  }

  @Test
  void toJsonKeepsLongExactly() {
    String encoded = sample().toJson().encode();

    assertTrue(encoded.contains("\"count\":9007199254740993"), encoded);
  }

  @Test
  void toJsonWritesNullGroupAsNullMembers() {
    NormalizedRecord record = validate("{\"sensor\": null, \"value\": null, \"count\": null,"
        + " \"ok\": null, \"day_of_visit\": null, \"seen\": null, \"loc\": null, \"tags\": null,"
        + " \"times\": null}");

    JsonObject json = record.toJson();

    assertEquals(new JsonObject().putNull("lat").putNull("lon"), json.getJsonObject("loc"));
    assertTrue(json.containsKey("sensor"));
    assertNull(json.getValue("sensor"));
    assertEquals("default", json.getString("key"));
    assertEquals("2024-05-01T12:00:00.000Z", json.getString("timestamp"));
  }

  @Test
  void encodeWritesToJsonWithRecordId() {
    UUID id = UUID.fromString("0190a1b2-0000-7000-8000-000000000001");
    NormalizedRecord nulls = validate("{\"sensor\": null, \"value\": null, \"count\": null,"
        + " \"ok\": null, \"day_of_visit\": null, \"seen\": null, \"loc\": null, \"tags\": null,"
        + " \"times\": null}");

    for (NormalizedRecord record : List.of(sample(), nulls)) {
      String encoded = new String(record.encode(id), StandardCharsets.UTF_8);

      assertEquals(record.toJson().put("record_id", id.toString()).encode(), encoded);
    }
  }

  @Test
  void jsonRoundTrip() {
    NormalizedRecord record = sample();

    NormalizedRecord loaded = NormalizedRecord.fromJson(new JsonObject(record.toJson().encode()), SCHEMA);

    assertEquals(record, loaded);
    assertInstanceOf(Long.class, loaded.value("count"));
    assertEquals(9007199254740993L, loaded.value("count"));
    assertInstanceOf(Double.class, loaded.value("value"));
    assertEquals(LocalDate.of(2024, 3, 10), loaded.value("day_of_visit"));
    assertEquals(List.of(Instant.parse("2024-01-01T00:00:00.500Z")), loaded.value("times"));
    assertNull(loaded.value("loc$lon"));
  }

  @Test
  void fromJsonAcceptsMissingGroup() {
    JsonObject json = sample().toJson();
    json.remove("loc");

    NormalizedRecord loaded = NormalizedRecord.fromJson(json, SCHEMA);

    assertNull(loaded.value("loc$lat"));
  }

  @Test
  void fromJsonRejectsBadTimestamp() {
    JsonObject json = sample().toJson().put("timestamp", "soon");

    assertThrows(IllegalArgumentException.class, () -> NormalizedRecord.fromJson(json, SCHEMA));
  }

  @Test
  void constructorDropsNullsAndTruncates() {
    Map<String, Object> values = new HashMap<>();
    values.put("sensor", null);
    values.put("count", 1L);

    NormalizedRecord record = new NormalizedRecord(SCHEMA, "k",
        Instant.parse("2024-01-01T00:00:00.123999Z"), values);

    assertEquals(Map.of("count", 1L), record.values());
    assertEquals(Instant.parse("2024-01-01T00:00:00.123Z"), record.timestamp());
  }

  @Test
  @SuppressWarnings("unchecked")
  void valuesUnmodifiable() {
    NormalizedRecord record = sample();

    assertThrows(UnsupportedOperationException.class, () -> record.values().put("x", 1));
    assertThrows(UnsupportedOperationException.class,
        () -> ((List<Object>) record.value("tags")).add("b"));
  }

  @Test
  void toJsonArraysAreJsonArrays() {
    assertInstanceOf(JsonArray.class, sample().toJson().getValue("tags"));
  }
}
