package io.cenotoo.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00.123456Z");

  private static final CollectionSchema SCHEMA = CollectionSchema.parse(new JsonObject(
      "{\"sensor\": \"text\", \"value\": \"float\", \"count\": \"int\", \"ok\": \"bool\","
          + " \"day_of_visit\": \"date\", \"seen\": \"timestamp\","
          + " \"loc\": {\"lat\": \"float\", \"lon\": \"float\"}, \"tags\": [\"text\"]}"));

  private static final RecordValidator VALIDATOR = new RecordValidator(SCHEMA);

  private static JsonObject validRecord() {
    return new JsonObject("{\"sensor\": \"s1\", \"value\": 1.5, \"count\": 3, \"ok\": true,"
        + " \"day_of_visit\": \"2024-03-10\", \"seen\": \"2024-03-10T10:00:00+02:00\","
        + " \"loc\": {\"lat\": 37.9, \"lon\": 23.7}, \"tags\": [\"a\", \"b\"]}");
  }

  private static NormalizedRecord accept(JsonObject record) {
    RecordResult result = VALIDATOR.validateOne(record, NOW);
    assertTrue(result.isValid(), () -> result.errors().toString());
    return result.record();
  }

  private static List<FieldError> reject(JsonObject record) {
    RecordResult result = VALIDATOR.validateOne(record, NOW);
    assertFalse(result.isValid(), "expected errors");
    assertNull(result.record());
    return result.errors();
  }

  private static FieldError onlyError(JsonObject record) {
    List<FieldError> errors = reject(record);
    assertEquals(1, errors.size(), errors.toString());
    return errors.get(0);
  }

  /** Parses the record from text, as the HTTP layer does, so numbers have Jackson's types. */
  private static JsonObject withField(String field, String jsonValue) {
    JsonObject record = validRecord();
    record.put(field, new JsonObject("{\"v\": " + jsonValue + "}").getValue("v"));
    return record;
  }

  private static void assertContains(String text, String... parts) {
    for (String part : parts) {
      assertTrue(text.contains(part), () -> "expected '" + part + "' in: " + text);
    }
  }

  @Test
  void validRecordConverted() {
    NormalizedRecord record = accept(validRecord());

    assertEquals("s1", record.value("sensor"));
    assertEquals(1.5, record.value("value"));
    assertEquals(3L, record.value("count"));
    assertEquals(Boolean.TRUE, record.value("ok"));
    assertEquals(LocalDate.of(2024, 3, 10), record.value("day_of_visit"));
    assertEquals(Instant.parse("2024-03-10T08:00:00Z"), record.value("seen"));
    assertEquals(37.9, record.value("loc$lat"));
    assertEquals(23.7, record.value("loc$lon"));
    assertEquals(List.of("a", "b"), record.value("tags"));
    assertEquals(9, record.values().size());
  }

  @Test
  void keyAndTimestampDefaults() {
    NormalizedRecord record = accept(validRecord());

    assertEquals("default", record.key());
    assertEquals(Instant.parse("2024-05-01T12:00:00.123Z"), record.timestamp());
  }

  @Test
  void keyAndTimestampTakenFromRecord() {
    JsonObject json = validRecord().put("key", "room-1").put("timestamp", "2024-03-10T10:00:00+02:00");

    NormalizedRecord record = accept(json);

    assertEquals("room-1", record.key());
    assertEquals(Instant.parse("2024-03-10T08:00:00Z"), record.timestamp());
    assertNull(record.value("key"));
    assertNull(record.value("timestamp"));
  }

  @Test
  void keyOf256CharactersAccepted() {
    assertEquals(256, accept(validRecord().put("key", "k".repeat(256))).key().length());
  }

  @Test
  void badKeysRejected() {
    List<Object> badKeys = new ArrayList<>();
    badKeys.add("");
    badKeys.add("k".repeat(257));
    badKeys.add(5);
    badKeys.add(null);
    for (Object key : badKeys) {
      FieldError error = onlyError(validRecord().put("key", key));

      assertEquals("key", error.field());
      assertContains(error.message(), "'key'", "non-empty string", "256");
    }
  }

  @Test
  void nullTimestampRejected() {
    FieldError error = onlyError(validRecord().putNull("timestamp"));

    assertEquals("timestamp", error.field());
    assertContains(error.message(), "ISO 8601", "got null");
  }

  @Test
  void numericTimestampRejected() {
    FieldError error = onlyError(withField("timestamp", "1700000000"));

    assertEquals("timestamp", error.field());
    assertContains(error.message(), "Field 'timestamp' must be an ISO 8601 string with a zone,"
        + " such as 2024-01-01T00:00:00Z; got the number 1700000000.");
  }

  @Test
  void zonelessTimestampRejected() {
    FieldError error = onlyError(withField("seen", "\"2024-03-10T10:00:00\""));

    assertEquals("seen", error.field());
    assertContains(error.message(), "'seen'", "ISO 8601", "zone", "\"2024-03-10T10:00:00\"");
  }

  @Test
  void timestampFormsAccepted() {
    Map<String, String> expected = Map.of(
        "\"2024-03-10T10:00:00+02:00\"", "2024-03-10T08:00:00Z",
        "\"2024-01-01T00:00:00.123Z\"", "2024-01-01T00:00:00.123Z",
        "\"2024-01-01T00:00Z\"", "2024-01-01T00:00:00Z",
        "\"2024-01-01T00:00:00.123456789Z\"", "2024-01-01T00:00:00.123Z",
        "\"2024-01-01T00:30:00-05:30\"", "2024-01-01T06:00:00Z");
    for (Map.Entry<String, String> entry : expected.entrySet()) {
      NormalizedRecord record = accept(withField("seen", entry.getKey()));

      assertEquals(Instant.parse(entry.getValue()), record.value("seen"), entry.getKey());
    }
  }

  @Test
  void badTimestampsRejected() {
    for (String value : List.of("\"2024-03-10\"", "\"2024-03-10 10:00:00Z\"", "\"yesterday\"",
        "\"2024-02-30T00:00:00Z\"", "\"24-03-10T10:00:00Z\"", "\"+12024-03-10T10:00:00Z\"", "true",
        "1.5")) {
      FieldError error = onlyError(withField("seen", value));

      assertEquals("seen", error.field(), value);
      assertContains(error.message(), "ISO 8601");
    }
  }

  @Test
  void intAcceptsIntegers() {
    assertEquals(-7L, accept(withField("count", "-7")).value("count"));
    assertEquals(Long.MAX_VALUE, accept(withField("count", "9223372036854775807")).value("count"));
    assertEquals(Long.MIN_VALUE, accept(withField("count", "-9223372036854775808")).value("count"));
  }

  @Test
  void intBeyondDoublePrecisionKeptExactly() {
    Object value = accept(withField("count", "9007199254740993")).value("count");

    assertInstanceOf(Long.class, value);
    assertEquals(9007199254740993L, value);
  }

  @Test
  void intFractionRejected() {
    FieldError error = onlyError(withField("count", "25.5"));

    assertEquals("count", error.field());
    assertContains(error.message(), "'count'", "integer", "25.5");
  }

  @Test
  void intWholeDoubleRejected() {
    FieldError error = onlyError(withField("count", "25.0"));

    assertEquals("count", error.field());
    assertContains(error.message(), "integer", "25.0");
  }

  @Test
  void intBooleanRejected() {
    FieldError error = onlyError(withField("count", "true"));

    assertContains(error.message(), "'count'", "integer", "the boolean true");
  }

  @Test
  void intStringRejected() {
    FieldError error = onlyError(withField("count", "\"25\""));

    assertContains(error.message(), "'count'", "integer", "the string \"25\"");
  }

  @Test
  void intOutOfRangeRejected() {
    FieldError error = onlyError(withField("count", "9223372036854775808"));

    assertEquals("count", error.field());
    assertContains(error.message(), "-9223372036854775808", "9223372036854775807",
        "got the number 9223372036854775808");
  }

  @Test
  void intBigIntegerInRangeAccepted() {
    NormalizedRecord record = accept(validRecord().put("count", BigInteger.valueOf(42)));

    assertEquals(42L, record.value("count"));
  }

  @Test
  void intBigDecimalRejected() {
    FieldError error = onlyError(validRecord().put("count", new BigDecimal("25")));

    assertEquals("count", error.field());
  }

  @Test
  void floatAcceptsIntegerLiteral() {
    Object value = accept(withField("value", "25")).value("value");

    assertInstanceOf(Double.class, value);
    assertEquals(25.0, value);
  }

  @Test
  void floatAcceptsLargeIntegerAndBigDecimal() {
    assertEquals(1e20, accept(withField("value", "100000000000000000000")).value("value"));
    assertEquals(0.1, accept(validRecord().put("value", new BigDecimal("0.1"))).value("value"));
  }

  @Test
  void floatOverflowRejected() {
    FieldError error = onlyError(withField("value", "1e400"));

    assertEquals("value", error.field());
    assertContains(error.message(), "finite number");
  }

  @Test
  void floatStringRejected() {
    FieldError error = onlyError(withField("value", "\"1.5\""));

    assertContains(error.message(), "'value'", "number", "the string \"1.5\"");
  }

  @Test
  void floatBooleanRejected() {
    FieldError error = onlyError(withField("value", "false"));

    assertContains(error.message(), "'value'", "the boolean false");
  }

  @Test
  void textRejectsNumber() {
    FieldError error = onlyError(withField("sensor", "5"));

    assertEquals("sensor", error.field());
    assertContains(error.message(), "'sensor'", "string", "the number 5");
  }

  @Test
  void textRejectsObject() {
    FieldError error = onlyError(withField("sensor", "{\"a\": 1}"));

    assertContains(error.message(), "an object");
  }

  @Test
  void textAcceptsEmptyString() {
    assertEquals("", accept(withField("sensor", "\"\"")).value("sensor"));
  }

  @Test
  void boolAcceptsFalse() {
    assertEquals(Boolean.FALSE, accept(withField("ok", "false")).value("ok"));
  }

  @Test
  void boolRejectsStringAndNumber() {
    for (String value : List.of("\"true\"", "1", "0")) {
      FieldError error = onlyError(withField("ok", value));

      assertEquals("ok", error.field());
      assertContains(error.message(), "'ok'", "true or false");
    }
  }

  @Test
  void dateAccepted() {
    assertEquals(LocalDate.of(2024, 2, 29),
        accept(withField("day_of_visit", "\"2024-02-29\"")).value("day_of_visit"));
  }

  @Test
  void badDatesRejected() {
    for (String value : List.of("\"2024-02-30\"", "\"2023-02-29\"", "\"2024-3-10\"",
        "\"2024-03-10T00:00:00Z\"", "\"10/03/2024\"", "20240310", "\"+2024-03-10\"")) {
      FieldError error = onlyError(withField("day_of_visit", value));

      assertEquals("day_of_visit", error.field(), value);
      assertContains(error.message(), "'day_of_visit'", "YYYY-MM-DD");
    }
  }

  @Test
  void nullFieldsHaveNoEntry() {
    JsonObject json = validRecord().putNull("sensor").putNull("tags").putNull("seen");

    NormalizedRecord record = accept(json);

    assertFalse(record.values().containsKey("sensor"));
    assertFalse(record.values().containsKey("tags"));
    assertFalse(record.values().containsKey("seen"));
    assertEquals(6, record.values().size());
  }

  @Test
  void nullGroupAccepted() {
    NormalizedRecord record = accept(validRecord().putNull("loc"));

    assertNull(record.value("loc$lat"));
    assertNull(record.value("loc$lon"));
  }

  @Test
  void nullInsideGroupAccepted() {
    JsonObject json = validRecord().put("loc", new JsonObject().putNull("lat").put("lon", 1));

    NormalizedRecord record = accept(json);

    assertNull(record.value("loc$lat"));
    assertEquals(1.0, record.value("loc$lon"));
  }

  @Test
  void missingFieldsReported() {
    JsonObject json = validRecord();
    json.remove("sensor");
    json.remove("tags");

    List<FieldError> errors = reject(json);

    assertEquals(2, errors.size());
    assertEquals("sensor", errors.get(0).field());
    assertContains(errors.get(0).message(), "Missing required field 'sensor'");
    assertEquals("tags", errors.get(1).field());
  }

  @Test
  void missingNestedFieldReported() {
    FieldError error = onlyError(validRecord().put("loc", new JsonObject().put("lat", 1.0)));

    assertEquals("loc.lon", error.field());
    assertContains(error.message(), "Missing required field 'loc.lon'");
  }

  @Test
  void unknownFieldRejected() {
    FieldError error = onlyError(validRecord().put("extra", 1));

    assertEquals("extra", error.field());
    assertEquals("Unknown field 'extra'; the collection schema has no such field.", error.message());
  }

  @Test
  void unknownNestedFieldRejected() {
    JsonObject loc = new JsonObject().put("lat", 1.0).put("lon", 2.0).put("alt", 3.0);

    FieldError error = onlyError(validRecord().put("loc", loc));

    assertEquals("loc.alt", error.field());
    assertContains(error.message(), "Unknown field 'loc.alt'");
  }

  @Test
  void wrongCaseFieldGetsHint() {
    JsonObject json = validRecord();
    json.put("Sensor", json.remove("sensor"));

    List<FieldError> errors = reject(json);

    assertEquals(2, errors.size(), errors.toString());
    assertEquals("Sensor", errors.get(0).field());
    assertContains(errors.get(0).message(), "Unknown field 'Sensor'", "did you mean 'sensor'?");
    assertEquals("sensor", errors.get(1).field());
  }

  @Test
  void serviceColumnsRejected() {
    for (String name : List.of("record_id", "day")) {
      FieldError error = onlyError(validRecord().put(name, "x"));

      assertEquals(name, error.field());
      assertContains(error.message(), "'" + name + "'", "set by the service");
    }
  }

  @Test
  void groupMustBeObject() {
    FieldError error = onlyError(validRecord().put("loc", 5));

    assertEquals("loc", error.field());
    assertContains(error.message(), "'loc'", "object", "lat, lon", "the number 5");
  }

  @Test
  void nestedTypeErrorNamesPath() {
    FieldError error = onlyError(validRecord().put("loc", new JsonObject().put("lat", "x").put("lon", 1)));

    assertEquals("loc.lat", error.field());
    assertContains(error.message(), "'loc.lat'", "number");
  }

  @Test
  void emptyListAccepted() {
    assertEquals(List.of(), accept(validRecord().put("tags", new JsonArray())).value("tags"));
  }

  @Test
  void listElementErrorsNamed() {
    List<FieldError> errors = reject(validRecord().put("tags", new JsonArray().add("a").add(1).add("c").add(true)));

    assertEquals(2, errors.size());
    assertEquals("tags[1]", errors.get(0).field());
    assertContains(errors.get(0).message(), "'tags[1]'", "string", "the number 1");
    assertEquals("tags[3]", errors.get(1).field());
  }

  @Test
  void listNullElementRejected() {
    FieldError error = onlyError(validRecord().put("tags", new JsonArray().add("a").addNull()));

    assertEquals("tags[1]", error.field());
    assertContains(error.message(), "must not be null");
  }

  @Test
  void listMustBeArray() {
    FieldError error = onlyError(validRecord().put("tags", "a"));

    assertEquals("tags", error.field());
    assertContains(error.message(), "'tags'", "array", "the string \"a\"");
  }

  @Test
  void listOfTypesConverted() {
    CollectionSchema schema = CollectionSchema.parse(new JsonObject(
        "{\"ints\": [\"int\"], \"floats\": [\"float\"], \"days\": [\"date\"], \"times\": [\"timestamp\"]}"));
    JsonObject json = new JsonObject("{\"ints\": [1, 9007199254740993], \"floats\": [1, 2.5],"
        + " \"days\": [\"2024-01-02\"], \"times\": [\"2024-01-01T01:00:00+01:00\"]}");

    RecordResult result = new RecordValidator(schema).validateOne(json, NOW);

    assertTrue(result.isValid(), () -> result.errors().toString());
    NormalizedRecord record = result.record();
    assertEquals(List.of(1L, 9007199254740993L), record.value("ints"));
    assertEquals(List.of(1.0, 2.5), record.value("floats"));
    assertEquals(List.of(LocalDate.of(2024, 1, 2)), record.value("days"));
    assertEquals(List.of(Instant.parse("2024-01-01T00:00:00Z")), record.value("times"));
  }

  @Test
  void listOfIntsRejectsFraction() {
    CollectionSchema schema = CollectionSchema.parse(new JsonObject("{\"ints\": [\"int\"]}"));

    RecordResult result = new RecordValidator(schema)
        .validateOne(new JsonObject("{\"ints\": [1, 2.5]}"), NOW);

    assertEquals(1, result.errors().size());
    assertEquals("ints[1]", result.errors().get(0).field());
  }

  @Test
  void allErrorsOfRecordReported() {
    JsonObject json = validRecord().put("count", 1.5).put("ok", "yes").put("extra", 1);
    json.remove("sensor");

    List<FieldError> errors = reject(json);

    List<String> fields = errors.stream().map(FieldError::field).sorted().toList();
    assertEquals(List.of("count", "extra", "ok", "sensor"), fields);
  }

  @Test
  void nonObjectRecordRejected() {
    RecordResult result = VALIDATOR.validateOne(new JsonArray().add(1), NOW);

    assertEquals(1, result.errors().size());
    assertEquals("", result.errors().get(0).field());
    assertEquals("Record must be a JSON object; got an array.", result.errors().get(0).message());
  }

  @Test
  void rawMapRecordAccepted() {
    Map<String, Object> map = validRecord().getMap();

    assertTrue(VALIDATOR.validateOne(map, NOW).isValid());
  }

  @Test
  void batchReportsBadIndexes() {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 5; i++) {
      batch.add(validRecord().put("key", "k" + i));
    }
    batch.getJsonObject(1).put("timestamp", 1700000000);
    batch.getJsonObject(3).put("loc", new JsonObject().put("lat", "north").put("lon", 1));

    ValidatedBatch result = VALIDATOR.validate(new JsonArray(batch.encode()), NOW);

    assertFalse(result.isValid());
    assertEquals(List.of(1, 3), result.invalidIndexes());
    List<String> fields = result.errors().stream().map(FieldError::field).toList();
    assertEquals(List.of("[1].timestamp", "[3].loc.lat"), fields);
    List<String> keys = result.records().stream().map(NormalizedRecord::key).toList();
    assertEquals(List.of("k0", "k2", "k4"), keys);
  }

  @Test
  void batchNonObjectElementNamedByIndex() {
    ValidatedBatch result = VALIDATOR.validate(new JsonArray("[5, \"x\", null]"), NOW);

    List<String> fields = result.errors().stream().map(FieldError::field).toList();
    assertEquals(List.of("[0]", "[1]", "[2]"), fields);
    assertEquals("Record must be a JSON object; got the number 5.", result.errors().get(0).message());
    assertContains(result.errors().get(2).message(), "got null");
  }

  @Test
  void batchRequireValidThrows() {
    JsonArray batch = new JsonArray().add(validRecord()).add(validRecord().put("count", "x"));

    ApiException e = assertThrows(ApiException.class,
        () -> VALIDATOR.validate(batch, NOW).requireValid());

    assertEquals(422, e.status());
    assertEquals("[1].count", e.errors().get(0).field());
    assertContains(e.getMessage(), "1 of 2 records");
  }

  @Test
  void batchRequireValidReturnsRecords() {
    JsonArray batch = new JsonArray().add(validRecord()).add(validRecord());

    assertEquals(2, VALIDATOR.validate(batch, NOW).requireValid().size());
  }

  @Test
  void schemaKeyTextAcceptsKeyInRecord() {
    CollectionSchema schema = CollectionSchema.parse(new JsonObject("{\"key\": \"text\", \"v\": \"int\"}"));

    RecordResult result = new RecordValidator(schema)
        .validateOne(new JsonObject("{\"key\": \"a\", \"v\": 1}"), NOW);

    assertTrue(result.isValid(), () -> result.errors().toString());
    assertEquals("a", result.record().key());
  }
}
