package io.cenotoo.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Checks that the streaming decoder returns what the tree path returns ({@code Buffer.toJsonObject()},
 * {@link NormalizedRecord#fromJson} and the {@code record_id} string) for random schemas over every
 * field type, for the canonical values that ingestion encodes and for values changed into other
 * shapes. The seeds are fixed, so a failure repeats.
 */
class RecordDecoderTest {

  private static final long MIN_MILLIS = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
  private static final long MAX_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

  @Test
  void canonicalValuesDecodeLikeTreePath() throws IOException {
    Random random = new Random(20261205L);
    int decoded = 0;
    for (int s = 0; s < 150; s++) {
      CollectionSchema schema = RandomSchemas.schema(random);
      RecordDecoder decoder = new RecordDecoder(schema);
      for (int r = 0; r < 60; r++) {
        NormalizedRecord record = randomRecord(random, schema);
        UUID id = new UUID(random.nextLong(), random.nextLong());
        byte[] value = record.encode(id);

        DecodedRecord streamed = decoder.decodeCanonical(value);

        assertNotNull(streamed, () -> "not read as canonical: " + text(value));
        assertEquals(RecordDecoder.decodeTree(value, schema), streamed, () -> text(value));
        assertEquals(DecodedRecord.of(record, id), streamed, () -> text(value));
        assertSameTypes(RecordDecoder.decodeTree(value, schema), streamed);
        decoded++;
      }
    }
    assertEquals(150 * 60, decoded);
  }

  @Test
  void changedValuesDecodeLikeTreePath() {
    Random random = new Random(7L);
    for (int s = 0; s < 100; s++) {
      CollectionSchema schema = RandomSchemas.schema(random);
      RecordDecoder decoder = new RecordDecoder(schema);
      for (int r = 0; r < 40; r++) {
        byte[] canonical = randomRecord(random, schema).encode(new UUID(random.nextLong(), random.nextLong()));
        byte[] value = change(random, schema, canonical);

        assertSameOutcome(schema, decoder, value);
      }
    }
  }

  @Test
  void listedShapesDecodeLikeTreePath() {
    CollectionSchema schema = CollectionSchema.parse(new JsonObject("{\"t\": \"text\", \"n\": \"int\", \"x\": \"float\","
        + " \"b\": \"bool\", \"d\": \"date\", \"ts\": \"timestamp\", \"g\": {\"a\": \"int\", \"h\": {\"c\": \"text\"}},"
        + " \"l\": [\"int\"], \"lt\": [\"text\"], \"lb\": [\"bool\"], \"ld\": [\"date\"]}"));
    RecordDecoder decoder = new RecordDecoder(schema);
    String id = "\"record_id\": \"0190a1b2-0000-7000-8000-000000000001\"";
    String head = "{\"key\": \"k\", \"timestamp\": \"2024-03-10T08:00:00.000Z\", ";
    List<String> values = List.of(
        head + id + "}",
        head + "\"n\": 25.7, " + id + "}",
        head + "\"n\": 1e400, " + id + "}",
        head + "\"n\": -1e400, " + id + "}",
        head + "\"n\": 123456789012345678901234567890, " + id + "}",
        head + "\"n\": -9223372036854775809, " + id + "}",
        head + "\"n\": 9223372036854775807, " + id + "}",
        head + "\"x\": 25, " + id + "}",
        head + "\"x\": 123456789012345678901234567890, " + id + "}",
        head + "\"x\": 1e400, " + id + "}",
        head + "\"x\": -0.0, " + id + "}",
        head + "\"x\": \"1.5\", " + id + "}",
        head + "\"t\": 5, " + id + "}",
        head + "\"t\": {\"a\": 1}, " + id + "}",
        head + "\"b\": \"true\", " + id + "}",
        head + "\"d\": \"2024-02-30\", " + id + "}",
        head + "\"d\": \"2024-02-29\", " + id + "}",
        head + "\"ts\": \"2024-03-10T10:00:00.123456+02:00\", " + id + "}",
        head + "\"ts\": \"2024-03-10T10:00:00\", " + id + "}",
        head + "\"g\": null, " + id + "}",
        head + "\"g\": 5, " + id + "}",
        head + "\"g\": [], " + id + "}",
        head + "\"g\": {}, " + id + "}",
        head + "\"g\": {\"a\": 1, \"a\": 2}, " + id + "}",
        head + "\"g\": {\"a\": 1}, \"g\": null, " + id + "}",
        head + "\"g\": {\"a\": 1}, \"g\": {\"h\": {\"c\": \"x\"}}, " + id + "}",
        head + "\"g\": {\"h\": null, \"a\": 3}, " + id + "}",
        head + "\"g\": {\"h\": \"x\"}, " + id + "}",
        head + "\"g\": {\"z\": 1}, " + id + "}",
        head + "\"l\": [], " + id + "}",
        head + "\"l\": [1, 2.5, 1e400], " + id + "}",
        head + "\"l\": [1, null], " + id + "}",
        head + "\"l\": 1, " + id + "}",
        head + "\"l\": [[1]], " + id + "}",
        head + "\"lt\": [\"a\", null], " + id + "}",
        head + "\"lb\": [true, null], " + id + "}",
        head + "\"ld\": [null], " + id + "}",
        head + "\"unknown\": 1, " + id + "}",
        head + "\"day\": \"2024-03-10\", " + id + "}",
        "{\"key\": 5, \"timestamp\": \"2024-03-10T08:00:00.000Z\", " + id + "}",
        "{\"key\": 1.5e3, \"timestamp\": \"2024-03-10T08:00:00.000Z\", " + id + "}",
        "{\"key\": true, \"timestamp\": \"2024-03-10T08:00:00.000Z\", " + id + "}",
        "{\"key\": {\"a\": [1, \"x\"]}, \"timestamp\": \"2024-03-10T08:00:00.000Z\", " + id + "}",
        "{\"key\": null, \"timestamp\": \"2024-03-10T08:00:00.000Z\", " + id + "}",
        "{\"timestamp\": \"2024-03-10T08:00:00.000Z\", " + id + "}",
        "{\"key\": \"a\", \"key\": \"b\", \"timestamp\": \"2024-03-10T08:00:00.000Z\", " + id + "}",
        "{\"key\": \"k\", \"timestamp\": 1710057600000, " + id + "}",
        "{\"key\": \"k\", \"timestamp\": \"yesterday\", " + id + "}",
        "{\"key\": \"k\", \"timestamp\": \"2024-03-10T08:00:00.000Z\"}",
        "{\"key\": \"k\", \"timestamp\": \"2024-03-10T08:00:00.000Z\", \"record_id\": 5}",
        "{\"key\": \"k\", \"timestamp\": \"2024-03-10T08:00:00.000Z\", \"record_id\": \"not-a-uuid\"}",
        "{\"key\": \"k\", \"timestamp\": \"2024-03-10T08:00:00.000Z\", \"record_id\": \"1-2-3-4-5\"}",
        "{\"key\": \"k\", /* a comment */ \"timestamp\": \"2024-03-10T08:00:00.000Z\", " + id + "}",
        head + id + "} // trailing comment",
        head + id + "} {}",
        head + id + "} x",
        head + id,
        head + id + "}}",
        "  \n" + head + id + "}  \n",
        "\ufeff" + head + id + "}",
        "[" + head + id + "}]",
        "\"text\"",
        "null",
        "",
        "not json at all");
    for (String value : values) {
      assertSameOutcome(schema, decoder, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void emptyAndNullValuesFailLikeTreePath() {
    CollectionSchema schema = CollectionSchema.parse(new JsonObject("{\"v\": \"int\"}"));
    RecordDecoder decoder = new RecordDecoder(schema);

    assertSameOutcome(schema, decoder, new byte[0]);
    assertThrows(NullPointerException.class, () -> decoder.decode(null));
  }

  @Test
  void canonicalPathSkipsUnknownMember() throws IOException {
    CollectionSchema schema = CollectionSchema.parse(new JsonObject("{\"v\": \"int\"}"));
    byte[] value = ("{\"key\": \"k\", \"timestamp\": \"2024-03-10T08:00:00.000Z\", \"w\": 1,"
        + " \"record_id\": \"0190a1b2-0000-7000-8000-000000000001\"}").getBytes(StandardCharsets.UTF_8);

    assertNull(new RecordDecoder(schema).decodeCanonical(value));
    assertEquals(RecordDecoder.decodeTree(value, schema), new RecordDecoder(schema).decode(value));
  }

  /** Asserts that decode returns what the tree path returns, or throws the same exception. */
  private static void assertSameOutcome(CollectionSchema schema, RecordDecoder decoder, byte[] value) {
    DecodedRecord expected = null;
    RuntimeException expectedFailure = null;
    try {
      expected = RecordDecoder.decodeTree(value, schema);
    } catch (RuntimeException e) {
      expectedFailure = e;
    }

    DecodedRecord streamedOnly;
    try {
      streamedOnly = decoder.decodeCanonical(value);
    } catch (IOException | RuntimeException e) {
      streamedOnly = null;
    }
    if (streamedOnly != null) {
      assertEquals(expected, streamedOnly, () -> "streaming pass differs for " + text(value));
      assertSameTypes(expected, streamedOnly);
    }

    if (expectedFailure == null) {
      DecodedRecord actual = decoder.decode(value);
      assertEquals(expected, actual, () -> text(value));
      assertSameTypes(expected, actual);
      return;
    }
    RuntimeException failure = expectedFailure;
    RuntimeException actual = assertThrows(RuntimeException.class, () -> decoder.decode(value),
        () -> "decoded although the tree path threw " + failure + ": " + text(value));
    assertEquals(failure.getClass(), actual.getClass(), () -> text(value));
    assertEquals(failure.getMessage(), actual.getMessage(), () -> text(value));
  }

  /** Asserts that equal records also have values of the same classes, such as Long and not Integer. */
  private static void assertSameTypes(DecodedRecord expected, DecodedRecord actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      Object e = expected.value(i);
      Object a = actual.value(i);
      assertEquals(e == null ? null : e.getClass(), a == null ? null : a.getClass(), "class of column " + i);
      if (e instanceof List<?> list) {
        List<?> other = (List<?>) a;
        for (int j = 0; j < list.size(); j++) {
          Object element = list.get(j);
          assertEquals(element == null ? null : element.getClass(), other.get(j) == null ? null : other.get(j).getClass(),
              "class of element " + j + " of column " + i);
        }
      }
    }
  }

  private static String text(byte[] value) {
    return new String(value, StandardCharsets.UTF_8);
  }

  private static NormalizedRecord randomRecord(Random random, CollectionSchema schema) {
    Map<String, Object> values = new HashMap<>();
    for (Column column : schema.columns()) {
      if (random.nextInt(6) == 0) {
        continue;
      }
      if (!column.list()) {
        values.put(column.name(), randomScalar(random, column.type()));
        continue;
      }
      List<Object> elements = new ArrayList<>();
      int size = random.nextInt(5);
      for (int i = 0; i < size; i++) {
        elements.add(randomScalar(random, column.type()));
      }
      values.put(column.name(), List.copyOf(elements));
    }
    Instant timestamp = Instant.ofEpochMilli(MIN_MILLIS + (long) (random.nextDouble() * (MAX_MILLIS - MIN_MILLIS)));
    return new NormalizedRecord(schema, randomText(random), timestamp, values);
  }

  private static Object randomScalar(Random random, FieldType type) {
    return switch (type) {
      case TEXT -> randomText(random);
      case INT -> RandomSchemas.integer(random);
      case FLOAT -> randomDouble(random);
      case BOOL -> random.nextBoolean();
      case DATE -> LocalDate.ofEpochDay(LocalDate.of(0, 1, 1).toEpochDay() + random.nextInt(3_652_424));
      case TIMESTAMP -> Instant.ofEpochMilli(MIN_MILLIS + (long) (random.nextDouble() * (MAX_MILLIS - MIN_MILLIS)));
    };
  }

  private static double randomDouble(Random random) {
    double value = switch (random.nextInt(9)) {
      case 0 -> Double.MAX_VALUE;
      case 1 -> Double.MIN_VALUE;
      case 2 -> -0.0;
      case 3 -> random.nextInt(1000);
      case 4 -> 1e22 * random.nextDouble();
      case 5 -> Double.MIN_NORMAL / (1 + random.nextInt(1000));
      case 6 -> (double) random.nextLong();
      default -> Double.longBitsToDouble(random.nextLong());
    };
    return Double.isFinite(value) ? value : random.nextGaussian();
  }

  /** Returns text with quotes, escapes, control characters, non-ASCII and supplementary characters. */
  private static String randomText(Random random) {
    int length = random.nextInt(10) == 0 ? 200 + random.nextInt(2000) : random.nextInt(12);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(8)) {
        case 0 -> text.append((char) random.nextInt(0x20));
        case 1 -> text.append("\"\\/".charAt(random.nextInt(3)));
        case 2 -> text.append((char) (0xa0 + random.nextInt(0xd7ff - 0xa0)));
        case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0x10ffff - 0x10000));
        case 4 -> text.append((char) (0xe000 + random.nextInt(0x2000)));
        default -> text.append((char) (0x20 + random.nextInt(0x5f)));
      }
    }
    return text.toString();
  }

  /** Changes a canonical value into another shape: a member of another type, a repeat, extra text. */
  private static byte[] change(Random random, CollectionSchema schema, byte[] canonical) {
    String text = text(canonical);
    JsonObject json = new JsonObject(text);
    List<Column> columns = schema.columns();
    Column column = columns.get(random.nextInt(columns.size()));
    String changed = switch (random.nextInt(12)) {
      case 0, 1, 2 -> {
        group(json, column.path()).put(column.path().get(column.path().size() - 1), randomJson(random, 0));
        yield json.encode();
      }
      case 3 -> {
        String top = column.path().get(0);
        json.put(top, randomJson(random, 0));
        yield json.encode();
      }
      case 4 -> {
        String member = List.of("key", "timestamp", "record_id").get(random.nextInt(3));
        json.put(member, randomJson(random, 0));
        yield json.encode();
      }
      case 5 -> {
        String member = List.of("key", "timestamp", "record_id").get(random.nextInt(3));
        json.remove(member);
        yield json.encode();
      }
      case 6 -> text.substring(0, text.length() - 1) + ", \"" + column.path().get(0) + "\": "
          + Json.encode(randomJson(random, 0)) + "}";
      case 7 -> text.substring(0, text.length() - 1) + ", \"extra\": 1}";
      case 8 -> text.substring(0, random.nextInt(text.length()));
      case 9 -> text + List.of(" ", "x", "{}", "/* c */", "]").get(random.nextInt(5));
      case 10 -> "{\"key\": " + Json.encode(randomJson(random, 0)) + ", " + text.substring(1);
      default -> {
        group(json, column.path()).put(column.path().get(column.path().size() - 1), randomListJson(random));
        yield json.encode();
      }
    };
    return changed.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the object that contains the member at this path, creating or replacing groups on the way. */
  private static JsonObject group(JsonObject json, List<String> path) {
    JsonObject group = json;
    for (int i = 0; i < path.size() - 1; i++) {
      Object next = group.getValue(path.get(i));
      JsonObject child = next instanceof JsonObject object ? object : new JsonObject();
      group.put(path.get(i), child);
      group = child;
    }
    return group;
  }

  private static Object randomJson(Random random, int depth) {
    List<Supplier<Object>> choices = List.of(
        () -> null,
        () -> randomText(random),
        () -> random.nextLong(),
        () -> random.nextInt(),
        () -> new BigInteger(90, random),
        () -> new BigInteger(90, random).negate(),
        () -> randomDouble(random),
        () -> random.nextInt(100) + 0.5,
        random::nextBoolean,
        () -> Instant.ofEpochMilli(random.nextLong() % 100_000_000_000_000L).toString(),
        () -> LocalDate.ofEpochDay(random.nextInt(100_000)).toString(),
        () -> depth > 1 ? null : new JsonObject().put("a", randomJson(random, depth + 1)),
        () -> depth > 1 ? null : randomListJson(random));
    return choices.get(random.nextInt(choices.size())).get();
  }

  private static JsonArray randomListJson(Random random) {
    JsonArray array = new JsonArray();
    Object sample = randomJson(random, 2);
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      array.add(random.nextInt(4) == 0 ? randomJson(random, 2) : sample);
    }
    return array;
  }
}
