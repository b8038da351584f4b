package io.cenotoo.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Checks that whenever the streaming pass accepts a send_data body, it returns what the tree path
 * returns ({@code Json.decodeValue}, {@link RecordValidator#validate(List, Instant)} and
 * {@link EncodedBatch#of}): the same keys and the same value bytes for the same record ids. Whenever
 * the tree path rejects a body, the streaming pass must decline it. Schemas and bodies are random,
 * over every field type, nested groups and lists, with fixed seeds so that a failure repeats.
 */
class BatchEncoderTest {

  /** Sub-millisecond digits check that the default timestamp is truncated as on the tree path. */
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00.123456789Z");
  private static final long MIN_MILLIS = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
  private static final long MAX_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
  /** Timestamps sent with an offset stay in this range, so the offset cannot move them out of years 0000 to 9999. */
  private static final long MIN_OFFSET_MILLIS = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
  private static final long MAX_OFFSET_MILLIS = Instant.parse("9998-12-31T00:00:00Z").toEpochMilli();
  private static final IntFunction<UUID> RECORD_IDS =
      index -> new UUID(0x0190a1b2_0000_7000L, 0x8000_0000_0000_0000L + index);

  private static final CollectionSchema FLIGHTS = CollectionSchema.parse(
      new JsonObject().put("delay", "int").put("distance", "int").put("time", "float"));

  @Test
  void validBodiesEncodeLikeTreePath() {
    Random random = new Random(20261206L);
    int records = 0;
    for (int s = 0; s < 150; s++) {
      CollectionSchema schema = RandomSchemas.schema(random);
      BatchEncoder encoder = new BatchEncoder(schema);
      for (int b = 0; b < 40; b++) {
        Object body = randomBody(random, schema);
        byte[] bytes = write(random, body);

        EncodedBatch streamed = encoder.encode(bytes, NOW, RECORD_IDS);

        assertNotNull(streamed, () -> "declined a valid body: " + text(bytes));
        assertSameBatch(treePath(schema, bytes), streamed, bytes);
        records += streamed.size();
      }
    }
    assertTrue(records > 150 * 40, "records encoded: " + records);
  }

  @Test
  void changedBodiesNeverDifferFromTreePath() {
    Random random = new Random(11L);
    int accepted = 0;
    int rejected = 0;
    for (int s = 0; s < 120; s++) {
      CollectionSchema schema = RandomSchemas.schema(random);
      BatchEncoder encoder = new BatchEncoder(schema);
      for (int b = 0; b < 50; b++) {
        Object body = randomBody(random, schema);
        byte[] bytes = change(random, schema, body);

        if (assertSameOutcome(schema, encoder, bytes)) {
          accepted++;
        } else {
          rejected++;
        }
      }
    }
    // Both outcomes must occur often, or the changes test too little.
    assertTrue(accepted > 500, "accepted: " + accepted);
    assertTrue(rejected > 2000, "rejected or declined: " + rejected);
  }

  @Test
  void listedBodiesNeverDifferFromTreePath() {
    CollectionSchema schema = CollectionSchema.parse(new JsonObject("{\"t\": \"text\", \"n\": \"int\", \"x\": \"float\","
        + " \"b\": \"bool\", \"d\": \"date\", \"ts\": \"timestamp\", \"g\": {\"a\": \"int\", \"key\": \"text\","
        + " \"h\": {\"c\": \"text\"}}, \"l\": [\"int\"], \"lx\": [\"float\"], \"lt\": [\"timestamp\"]}"));
    BatchEncoder encoder = new BatchEncoder(schema);
    String rest = "\"b\": true, \"d\": \"2024-02-29\", \"ts\": null, \"g\": null, \"l\": [], \"lx\": null, \"lt\": null";
    String head = "{\"t\": \"x\", \"n\": 1, \"x\": 2.5, ";
    List<String> accepted = List.of(
        head + rest + "}",
        "[" + head + rest + "}]",
        "  \n[ " + head + rest + "} ,\t" + head + rest + "} ]\n ",
        "\ufeff" + head + rest + "}",
        head + rest + ", \"key\": \"k\", \"timestamp\": \"2024-03-10T10:00:00+02:00\"}",
        head + rest + ", \"key\": \"" + "k".repeat(256) + "\"}",
        head + rest + ", \"key\": \"" + "\ud83d\ude00".repeat(128) + "\"}",
        head + rest + ", \"key\": \"\\u00e9\\n\\\"\\\\/\\ud83d\\ude00\"}",
        head + rest + ", \"timestamp\": \"2024-03-10T10:00Z\"}",
        head + rest + ", \"timestamp\": \"2024-03-10T10:00:00.123456789-05:30\"}",
        head + rest + ", \"timestamp\": \"0000-01-01T00:00:00Z\"}",
        head + rest + ", \"timestamp\": \"9999-12-31T23:59:59.999999Z\"}",
        "{\"t\": \"x\", \"n\": -0, \"x\": 5, " + rest + "}",
        "{\"t\": \"x\", \"n\": 9223372036854775807, \"x\": -0.0, " + rest + "}",
        "{\"t\": \"x\", \"n\": -9223372036854775808, \"x\": 1E2, " + rest + "}",
        "{\"t\": \"x\", \"n\": 1, \"x\": 123456789012345678901234567890, " + rest + "}",
        "{\"t\": \"x\", \"n\": 1, \"x\": 4.9e-324, " + rest + "}",
        "{\"t\": \"x\", \"n\": 1, \"x\": 1.7976931348623157e308, " + rest + "}",
        "{\"t\": \"x\", \"n\": 1, \"x\": 0.1, \"b\": false, \"d\": null, \"ts\": \"2024-03-10T08:00:00.000Z\","
            + " \"g\": {\"a\": 3, \"key\": \"in a group\", \"h\": null}, \"l\": [1, -2], \"lx\": [1, 2.5],"
            + " \"lt\": [\"2024-03-10T08:00:00Z\"]}",
        "{\"g\": {\"h\": {\"c\": \"\\u0000\"}, \"key\": null, \"a\": null}, \"t\": null, \"n\": null, \"x\": null,"
            + " \"b\": null, \"d\": \"0000-01-01\", \"ts\": null, \"l\": null, \"lx\": [], \"lt\": []}");
    for (String body : accepted) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      assertNotNull(encoder.encode(bytes, NOW, RECORD_IDS), () -> "declined: " + body);
      assertTrue(assertSameOutcome(schema, encoder, bytes), body);
    }

    List<String> declined = List.of(
        "",
        "null",
        "5",
        "\"text\"",
        "[]",
        "[5]",
        "[" + head + rest + "}, null]",
        "[" + head + rest + "}, []]",
        "[[" + head + rest + "}]]",
        head + rest + "} x",
        head + rest + "} {}",
        head + rest + "}}",
        head + rest,
        "[" + head + rest + "}",
        head + rest + "} // trailing comment",
        "{\"t\": \"x\", /* comment */ \"n\": 1, \"x\": 2.5, " + rest + "}",
        "{\"t\": \"x\", \"n\": 1, \"x\": 2.5, \"b\": true}",
        "{}",
        head + rest + ", \"key\": \"\"}",
        head + rest + ", \"key\": \"" + "k".repeat(257) + "\"}",
        head + rest + ", \"key\": \"" + "\ud83d\ude00".repeat(129) + "\"}",
        head + rest + ", \"key\": null}",
        head + rest + ", \"key\": 5}",
        head + rest + ", \"key\": \"a\", \"key\": \"b\"}",
        head + rest + ", \"timestamp\": null}",
        head + rest + ", \"timestamp\": 1710057600000}",
        head + rest + ", \"timestamp\": \"2024-03-10T10:00:00\"}",
        head + rest + ", \"timestamp\": \"10000-01-01T00:00:00Z\"}",
        head + rest + ", \"timestamp\": \"0000-01-01T00:00:00+01:00\"}",
        head + rest + ", \"record_id\": \"0190a1b2-0000-7000-8000-000000000001\"}",
        head + rest + ", \"day\": \"2024-03-10\"}",
        head + rest + ", \"Key\": \"k\"}",
        head + rest + ", \"T\": \"x\"}",
        head + rest + ", \"c\": \"x\"}",
        head + rest + ", \"t\": \"y\"}",
        head + rest + ", \"t\": \"x\"}",
        "{\"t\": \"x\", \"n\": 25.0, \"x\": 2.5, " + rest + "}",
        "{\"t\": \"x\", \"n\": 1e2, \"x\": 2.5, " + rest + "}",
        "{\"t\": \"x\", \"n\": 9223372036854775808, \"x\": 2.5, " + rest + "}",
        "{\"t\": \"x\", \"n\": -9223372036854775809, \"x\": 2.5, " + rest + "}",
        "{\"t\": \"x\", \"n\": \"1\", \"x\": 2.5, " + rest + "}",
        "{\"t\": \"x\", \"n\": true, \"x\": 2.5, " + rest + "}",
        "{\"t\": \"x\", \"n\": 1, \"x\": 1e400, " + rest + "}",
        "{\"t\": \"x\", \"n\": 1, \"x\": -1e400, " + rest + "}",
        "{\"t\": \"x\", \"n\": 1, \"x\": \"2.5\", " + rest + "}",
        "{\"t\": \"x\", \"n\": 1, \"x\": NaN, " + rest + "}",
        "{\"t\": \"x\", \"n\": 01, \"x\": 2.5, " + rest + "}",
        "{\"t\": 5, \"n\": 1, \"x\": 2.5, " + rest + "}",
        "{\"t\": {\"a\": 1}, \"n\": 1, \"x\": 2.5, " + rest + "}",
        "{\"t\": [\"x\"], \"n\": 1, \"x\": 2.5, " + rest + "}",
        head + "\"b\": \"true\", \"d\": null, \"ts\": null, \"g\": null, \"l\": null, \"lx\": null, \"lt\": null}",
        head + "\"b\": 1, \"d\": null, \"ts\": null, \"g\": null, \"l\": null, \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": \"2024-02-30\", \"ts\": null, \"g\": null, \"l\": null, \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": \"24-02-03\", \"ts\": null, \"g\": null, \"l\": null, \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": \"2024-03-10T00:00:00Z\", \"ts\": null, \"g\": null, \"l\": null, \"lx\": null,"
            + " \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": \"yesterday\", \"g\": null, \"l\": null, \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": 5, \"l\": null, \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": [], \"l\": null, \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": {}, \"l\": null, \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": {\"a\": 1, \"key\": null}, \"l\": null, \"lx\": null,"
            + " \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": {\"a\": 1, \"a\": 2, \"key\": null, \"h\": null},"
            + " \"l\": null, \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": {\"a\": 1, \"key\": null, \"h\": null, \"z\": 1},"
            + " \"l\": null, \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": {\"a\": 1, \"key\": null, \"h\": {}}, \"l\": null,"
            + " \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": {\"a\": 1, \"key\": null, \"h\": \"x\"}, \"l\": null,"
            + " \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": null, \"g\": null, \"l\": null, \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": null, \"l\": [1, null], \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": null, \"l\": [1, 2.5], \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": null, \"l\": [[1]], \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": null, \"l\": 1, \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": null, \"l\": {}, \"lx\": null, \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": null, \"l\": null, \"lx\": [1e400], \"lt\": null}",
        head + "\"b\": true, \"d\": null, \"ts\": null, \"g\": null, \"l\": null, \"lx\": null, \"lt\": [\"x\"]}");
    for (String body : declined) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      assertNull(encoder.encode(bytes, NOW, RECORD_IDS), () -> "accepted: " + body);
      assertSameOutcome(schema, encoder, bytes);
    }
  }

  @Test
  void flightsBatchTakesStreamingPass() {
    BatchEncoder encoder = new BatchEncoder(FLIGHTS);
    JsonArray records = new JsonArray();
    for (int i = 0; i < 100; i++) {
      records.add(new JsonObject().put("key", "k" + (i % 8)).put("timestamp", NOW.minusSeconds(i * 7L).toString())
          .put("delay", i % 40 - 10).put("distance", 300 + i * 13).put("time", i / 7.0));
    }
    byte[] bytes = records.toBuffer().getBytes();

    EncodedBatch streamed = encoder.encode(bytes, NOW, RECORD_IDS);

    assertNotNull(streamed, "declined the flights batch");
    assertEquals(100, streamed.size());
    assertSameBatch(treePath(FLIGHTS, bytes), streamed, bytes);
    assertEquals("{\"key\":\"k0\",\"timestamp\":\"2024-05-01T12:00:00.123Z\",\"delay\":-10,\"distance\":300,"
        + "\"time\":0.0,\"record_id\":\"" + RECORD_IDS.apply(0) + "\"}", streamed.value(0).toString());
  }

  @Test
  void singleFlightTakesStreamingPass() {
    byte[] bytes = "{\"delay\": 5, \"distance\": 1200, \"time\": 7}".getBytes(StandardCharsets.UTF_8);

    EncodedBatch streamed = new BatchEncoder(FLIGHTS).encode(bytes, NOW, RECORD_IDS);

    assertNotNull(streamed, "declined a single record");
    assertSameBatch(treePath(FLIGHTS, bytes), streamed, bytes);
    assertEquals(NormalizedRecord.DEFAULT_KEY, streamed.key(0));
    assertEquals("{\"key\":\"default\",\"timestamp\":\"2024-05-01T12:00:00.123Z\",\"delay\":5,\"distance\":1200,"
        + "\"time\":7.0,\"record_id\":\"" + RECORD_IDS.apply(0) + "\"}", streamed.value(0).toString());
  }

  /** Checks the test's own writer against Vert.x's parser, so the bodies mean what the test intends. */
  @Test
  void writerProducesParsableJson() {
    Random random = new Random(3L);
    for (int i = 0; i < 200; i++) {
      Members record = randomRecord(random, RandomSchemas.schema(random));
      Object parsed = Json.decodeValue(Buffer.buffer(write(random, record)));
      assertTrue(parsed instanceof JsonObject, () -> String.valueOf(parsed));
      Map<String, Object> map = ((JsonObject) parsed).getMap();
      assertEquals(record.members.size(), map.size());
    }
  }

  /**
   * Asserts that a body the streaming pass accepts gets the tree path's result, and that a body
   * the tree path rejects is declined. Returns whether the streaming pass accepted the body.
   */
  private static boolean assertSameOutcome(CollectionSchema schema, BatchEncoder encoder, byte[] bytes) {
    EncodedBatch expected = treePath(schema, bytes);
    EncodedBatch streamed = encoder.encode(bytes, NOW, RECORD_IDS);
    if (expected == null) {
      assertNull(streamed, () -> "accepted although the tree path rejects " + text(bytes));
      return false;
    }
    if (streamed != null) {
      assertSameBatch(expected, streamed, bytes);
    }
    return streamed != null;
  }

  private static void assertSameBatch(EncodedBatch expected, EncodedBatch actual, byte[] body) {
    assertNotNull(expected, () -> "the tree path rejects " + text(body));
    assertEquals(expected.size(), actual.size(), () -> "record count of " + text(body));
    for (int i = 0; i < expected.size(); i++) {
      int index = i;
      assertEquals(expected.key(i), actual.key(i), () -> "key of record " + index + " of " + text(body));
      assertArrayEquals(expected.value(i).getBytes(), actual.value(i).getBytes(),
          () -> "value of record " + index + ", expected " + expected.value(index) + " but was " + actual.value(index)
              + ", body " + text(body));
    }
  }

  /**
   * Runs the ingest owner's tree path on a body: the records it would publish, or null when it
   * rejects the body.
   */
  private static EncodedBatch treePath(CollectionSchema schema, byte[] body) {
    Object parsed;
    try {
      parsed = Json.decodeValue(Buffer.buffer(body));
    } catch (DecodeException e) {
      return null;
    }
    List<?> records;
    if (parsed instanceof JsonObject record) {
      records = List.of(record);
    } else if (parsed instanceof JsonArray array) {
      records = array.getList();
    } else {
      return null;
    }
    ValidatedBatch batch = new RecordValidator(schema).validate(records, NOW);
    return batch.isValid() ? EncodedBatch.of(batch.records(), RECORD_IDS) : null;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  // Random schemas and bodies. A body is built from Members, lists and scalars first, so that a change
  // can target one member, and then written as text with random spacing, escapes and number forms.

  /** A JSON object whose members keep their order and may repeat. */
  private record Members(List<Member> members) {
  }

  private record Member(String name, Object value) {
  }

  /** A number written as this exact text, such as {@code 1e3} or {@code -0}. */
  private record NumberText(String text) {
  }

  /** Returns a schema of one to eight top-level fields, with groups nested up to two levels. */
  /** Returns one valid record as an object, or an array of one to five valid records. */
  private static Object randomBody(Random random, CollectionSchema schema) {
    if (random.nextInt(4) == 0) {
      return randomRecord(random, schema);
    }
    List<Object> records = new ArrayList<>();
    int size = 1 + random.nextInt(5);
    for (int i = 0; i < size; i++) {
      records.add(randomRecord(random, schema));
    }
    return records;
  }

  /** Returns a valid record with its members in random order, key and timestamp each present or not. */
  private static Members randomRecord(Random random, CollectionSchema schema) {
    List<Member> members = randomMembers(random, schema.fields());
    if (random.nextBoolean()) {
      members.add(new Member("key", randomKey(random)));
    }
    if (random.nextBoolean()) {
      members.add(new Member("timestamp", randomTimestampText(random)));
    }
    Collections.shuffle(members, random);
    return new Members(members);
  }

  private static List<Member> randomMembers(Random random, List<SchemaNode> fields) {
    List<Member> members = new ArrayList<>();
    for (SchemaNode field : fields) {
      members.add(new Member(field.name(), randomFieldValue(random, field)));
    }
    Collections.shuffle(members, random);
    return members;
  }

  private static Object randomFieldValue(Random random, SchemaNode field) {
    if (random.nextInt(6) == 0) {
      return null;
    }
    if (field instanceof SchemaNode.Group group) {
      return new Members(randomMembers(random, group.children()));
    }
    Column column = ((SchemaNode.Leaf) field).column();
    if (!column.list()) {
      return randomScalar(random, column.type());
    }
    List<Object> elements = new ArrayList<>();
    int size = random.nextInt(5);
    for (int i = 0; i < size; i++) {
      elements.add(randomScalar(random, column.type()));
    }
    return elements;
  }

  /** Returns a valid value of the type in one of the forms that the tree path accepts. */
  private static Object randomScalar(Random random, FieldType type) {
    return switch (type) {
      case TEXT -> randomText(random, 12);
      case INT -> random.nextInt(12) == 0 ? new NumberText("-0") : RandomSchemas.integer(random);
      case FLOAT -> randomFloat(random);
      case BOOL -> random.nextBoolean();
      case DATE -> LocalDate.ofEpochDay(LocalDate.of(0, 1, 1).toEpochDay() + random.nextInt(3_652_424)).toString();
      case TIMESTAMP -> randomTimestampText(random);
    };
  }

  /** Returns a finite number: a double, an integer of any size, or text such as {@code 1E-5}. */
  private static Object randomFloat(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> RandomSchemas.integer(random);
      case 1 -> random.nextInt(1000);
      case 2 -> new NumberText(new BigInteger(70 + random.nextInt(200), random).toString());
      case 3 -> new NumberText(List.of("-0.0", "0.0", "1e3", "1E-5", "-2.5e+10", "0.1", "4.9e-324", "1e308", "-0")
          .get(random.nextInt(9)));
      case 4 -> Double.MAX_VALUE;
      case 5 -> -0.0;
      case 6 -> 1e22 * random.nextDouble();
      case 7 -> new NumberText(random.nextInt(100_000) + "." + random.nextInt(100_000) + "e" + (random.nextInt(40) - 20));
      default -> {
        double value = Double.longBitsToDouble(random.nextLong());
        yield Double.isFinite(value) ? value : random.nextGaussian();
      }
    };
  }

  /** Returns a valid key of 1 to 256 UTF-16 characters. */
  private static String randomKey(Random random) {
    String key = random.nextInt(10) == 0 ? randomText(random, 300) : randomText(random, 12);
    if (key.length() > NormalizedRecord.MAX_KEY_LENGTH) {
      key = key.substring(0, NormalizedRecord.MAX_KEY_LENGTH);
      // A cut between a surrogate pair's halves would leave a lone surrogate, which UTF-8 cannot encode.
      if (Character.isHighSurrogate(key.charAt(key.length() - 1))) {
        key = key.substring(0, key.length() - 1);
      }
    }
    return key.isEmpty() ? "k" : key;
  }

  /** Returns a valid timestamp in the canonical form, as Instant writes it, or with an offset. */
  private static String randomTimestampText(Random random) {
    long millis = MIN_MILLIS + (long) (random.nextDouble() * (MAX_MILLIS - MIN_MILLIS));
    Instant instant = Instant.ofEpochMilli(millis);
    return switch (random.nextInt(4)) {
      case 0 -> Timestamps.formatTimestamp(instant);
      case 1 -> instant.plusNanos(random.nextInt(1_000_000)).toString();
      case 2 -> Instant.ofEpochSecond(millis / 1000 / 60 * 60).toString();
      default -> {
        long bounded = MIN_OFFSET_MILLIS + (long) (random.nextDouble() * (MAX_OFFSET_MILLIS - MIN_OFFSET_MILLIS));
        ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(36) - 18) * 1800);
        yield Instant.ofEpochMilli(bounded).plusNanos(random.nextInt(1000)).atOffset(offset).toString();
      }
    };
  }

  /** Returns text with quotes, escapes, control characters, non-ASCII and supplementary characters. */
  private static String randomText(Random random, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
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

  /** Returns a value of any JSON kind, including numbers that int and float fields reject. */
  private static Object randomJson(Random random, int depth) {
    return switch (random.nextInt(16)) {
      case 0 -> null;
      case 1 -> randomText(random, 12);
      case 2 -> random.nextLong();
      case 3 -> new NumberText(new BigInteger(90, random).toString());
      case 4 -> new NumberText(new BigInteger(90, random).negate().toString());
      case 5 -> random.nextInt(100) + 0.5;
      case 6 -> new NumberText(random.nextInt(100) + ".0");
      case 7 -> new NumberText(List.of("1e400", "-1e400", "1e2", "9223372036854775808", "-9223372036854775809")
          .get(random.nextInt(5)));
      case 8 -> random.nextBoolean();
      case 9 -> Instant.ofEpochMilli(random.nextLong() % 400_000_000_000_000L).toString();
      case 10 -> LocalDate.ofEpochDay(random.nextInt(100_000)).toString();
      case 11 -> List.of("", "2024-02-30", "2024-03-10T10:00:00", "10000-01-01T00:00:00Z", "yesterday")
          .get(random.nextInt(5));
      case 12 -> depth > 1 ? null : new Members(List.of(new Member("a", randomJson(random, depth + 1))));
      case 13 -> depth > 1 ? null : new Members(List.of());
      default -> {
        if (depth > 1) {
          yield null;
        }
        List<Object> elements = new ArrayList<>();
        Object sample = randomJson(random, depth + 1);
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          elements.add(random.nextInt(4) == 0 ? randomJson(random, depth + 1) : sample);
        }
        yield elements;
      }
    };
  }

  /** Changes a valid body: one member changed, removed, added or repeated, or the text cut or extended. */
  private static byte[] change(Random random, CollectionSchema schema, Object body) {
    Members record = body instanceof Members single ? single : pickRecord(random, body);
    int pick = random.nextInt(14);
    switch (pick) {
      case 0, 1, 2 -> {
        Members group = pickGroup(random, record);
        if (!group.members.isEmpty()) {
          int index = random.nextInt(group.members.size());
          group.members.set(index, new Member(group.members.get(index).name, randomJson(random, 0)));
        }
      }
      case 3 -> {
        Members group = pickGroup(random, record);
        if (!group.members.isEmpty()) {
          group.members.remove(random.nextInt(group.members.size()));
        }
      }
      case 4 -> {
        Members group = pickGroup(random, record);
        String name = List.of("extra", "key", "timestamp", "record_id", "day", "Key", "F0_0", "f0_0", "f1_0")
            .get(random.nextInt(9));
        group.members.add(random.nextInt(group.members.size() + 1), new Member(name, randomJson(random, 0)));
      }
      case 5 -> {
        Members group = pickGroup(random, record);
        if (!group.members.isEmpty()) {
          Member repeated = group.members.get(random.nextInt(group.members.size()));
          Object value = random.nextBoolean() ? repeated.value : randomJson(random, 0);
          group.members.add(random.nextInt(group.members.size() + 1), new Member(repeated.name, value));
        }
      }
      case 6 -> record.members.add(new Member("key", List.of("", "k".repeat(257), 5, true).get(random.nextInt(4))));
      case 7 -> record.members.add(new Member("timestamp", randomJson(random, 0)));
      case 8 -> {
        if (body instanceof List<?> list) {
          @SuppressWarnings("unchecked")
          List<Object> records = (List<Object>) list;
          records.add(random.nextInt(records.size() + 1), randomJson(random, 1));
        }
      }
      default -> {
        // Text changes follow below.
      }
    }
    String text = text(write(random, body));
    String changed = switch (pick) {
      case 9 -> text.substring(0, random.nextInt(text.length()));
      case 10 -> text + List.of(" ", "x", "{}", "/* c */", "]", "[]", "null").get(random.nextInt(7));
      case 11 -> "/* c */" + text;
      case 12 -> "[]";
      default -> text;
    };
    return changed.getBytes(StandardCharsets.UTF_8);
  }

  private static Members pickRecord(Random random, Object body) {
    List<?> records = (List<?>) body;
    return (Members) records.get(random.nextInt(records.size()));
  }

  /** Returns the record or one of the groups it sent, at any depth. */
  private static Members pickGroup(Random random, Members record) {
    Members group = record;
    while (random.nextBoolean()) {
      List<Members> children = new ArrayList<>();
      for (Member member : group.members) {
        if (member.value instanceof Members child) {
          children.add(child);
        }
      }
      if (children.isEmpty()) {
        break;
      }
      group = children.get(random.nextInt(children.size()));
    }
    return group;
  }

  /** Writes a body as UTF-8 JSON text with random spacing and random {@code \\u} escapes. */
  private static byte[] write(Random random, Object body) {
    StringBuilder text = new StringBuilder();
    writeValue(random, body, text);
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void writeValue(Random random, Object value, StringBuilder text) {
    space(random, text);
    if (value instanceof Members object) {
      text.append('{');
      for (int i = 0; i < object.members.size(); i++) {
        if (i > 0) {
          text.append(',');
        }
        space(random, text);
        writeString(random, object.members.get(i).name, text);
        space(random, text);
        text.append(':');
        writeValue(random, object.members.get(i).value, text);
      }
      space(random, text);
      text.append('}');
    } else if (value instanceof List<?> list) {
      text.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          text.append(',');
        }
        writeValue(random, list.get(i), text);
      }
      space(random, text);
      text.append(']');
    } else if (value instanceof String string) {
      writeString(random, string, text);
    } else if (value instanceof NumberText number) {
      text.append(number.text);
    } else {
      // null, Boolean, Integer, Long and Double, as Java writes them, such as 1.0E22.
      text.append(value);
    }
    space(random, text);
  }

  private static void writeString(Random random, String value, StringBuilder text) {
    text.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        text.append('\\').append(c);
      } else if (c < 0x20 || (!Character.isSurrogate(c) && random.nextInt(20) == 0)) {
        text.append(String.format("\\u%04x", (int) c));
      } else {
        text.append(c);
      }
    }
    text.append('"');
  }

  private static void space(Random random, StringBuilder text) {
    if (random.nextInt(8) == 0) {
      text.append(List.of(" ", "\n", "\t", "\r\n  ").get(random.nextInt(4)));
    }
  }
}
