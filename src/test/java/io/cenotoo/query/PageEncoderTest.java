package io.cenotoo.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.cenotoo.embedded.StackEndpoints;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.Column;
import io.cenotoo.schema.Timestamps;
import io.cenotoo.storage.Cql;
import io.cenotoo.storage.DataTables;
import io.cenotoo.testing.SharedStack;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The page encoder writes, from rows read back from Cassandra, exactly the bytes of the same page
 * built as a JsonObject from the driver's getters and encoded with toBuffer. The rows hold random
 * values of every field type, lists, groups two levels deep, nulls, and text that needs escaping or
 * lies outside the BMP; random attribute selections in random order put a group's columns apart.
 */
class PageEncoderTest {

  private static final String KEYSPACE = "page_encoder_test";
  private static final UUID COLLECTION = UUID.fromString("8a0c7f1e-0000-4000-8000-000000000001");
  private static final CollectionSchema SCHEMA = CollectionSchema.parse(new JsonObject("""
      {"t": "text", "n": "int", "x": "float", "b": "bool", "d": "date", "ts": "timestamp",
       "g": {"a": "int", "h": {"c": "text", "y": "float"}, "l": ["text"]},
       "ln": ["int"], "lx": ["float"], "lb": ["bool"], "ld": ["date"], "lts": ["timestamp"],
       "p": {"z": "bool"}}"""));
  private static final LocalDate DAY = LocalDate.of(2024, 3, 10);
  private static final int ROWS = 300;

  private static CqlSession session;
  private static List<Row> rows;

  @BeforeAll
  static void storeRandomRows() {
    StackEndpoints stack = SharedStack.get();
    session = CqlSession.builder().addContactPoint(new InetSocketAddress(stack.cassandraHost(), stack.cassandraPort()))
        .withLocalDatacenter(stack.cassandraLocalDatacenter()).build();
    schemaChange("CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    schemaChange(DataTables.dropTable(KEYSPACE, COLLECTION));
    schemaChange(DataTables.createTable(KEYSPACE, COLLECTION, SCHEMA));

    PreparedStatement insert = session.prepare(DataTables.insert(KEYSPACE, COLLECTION, SCHEMA));
    Random random = new Random(20261205L);
    for (int i = 0; i < ROWS; i++) {
      List<Object> values = new ArrayList<>(List.of("k" + randomText(random), DAY,
          Instant.ofEpochMilli(1_710_028_800_000L + random.nextInt(86_400_000)), new UUID(random.nextLong(), random.nextLong())));
      for (Column column : SCHEMA.columns()) {
        values.add(random.nextInt(5) == 0 ? null : randomValue(random, column));
      }
      session.execute(insert.bind(values.toArray()));
    }
    StringBuilder select = new StringBuilder("SELECT key, day, timestamp, record_id");
    SCHEMA.columns().forEach(column -> select.append(", ").append(Cql.quote(column.name())));
    rows = session.execute(select + " FROM " + DataTables.qualified(KEYSPACE, COLLECTION)).all();
    assertEquals(ROWS, rows.size());
  }

  @AfterAll
  static void dropKeyspace() {
    schemaChange("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    session.close();
  }

  /** Runs a schema change, which takes longer than the driver's default timeout on a busy machine. */
  private static void schemaChange(String cql) {
    session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(60)));
  }

  @Test
  void randomPagesEncodeLikeJsonObjectPages() {
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      List<Column> columns = randomSelection(random);
      boolean nested = random.nextBoolean();
      int from = random.nextInt(ROWS);
      List<Row> pageRows = rows.subList(from, Math.min(ROWS, from + random.nextInt(12)));
      PageCursor next = random.nextBoolean() ? null : new PageCursor(DAY, "k" + random.nextInt(100),
          Instant.ofEpochMilli(random.nextLong() >>> 24), new UUID(random.nextLong(), random.nextLong()), "fingerprint");
      Long total = random.nextBoolean() ? null : (long) random.nextInt(1_000_000);
      PartitionReader.Page page = new PartitionReader.Page(pageRows, new RowEncoder(columns, SCHEMA.columns(), nested),
          random.nextBoolean(), next, total);

      String expected = viaJsonObject(page, columns, nested);

      assertEquals(expected, PageEncoder.encode(page).toString(), () -> "columns " + columns + ", nested " + nested);
    }
  }

  @Test
  void emptyPageEncodesItsFields() {
    PartitionReader.Page page = new PartitionReader.Page(List.of(), new RowEncoder(SCHEMA.columns(), SCHEMA.columns(), true),
        false, null, 0L);

    assertEquals("{\"data\":[],\"has_more\":false,\"next_cursor\":null,\"total_count\":0}",
        PageEncoder.encode(page).toString());
  }

  /** Returns every column in schema order half of the time, otherwise a random subset in random order. */
  private static List<Column> randomSelection(Random random) {
    if (random.nextBoolean()) {
      return SCHEMA.columns();
    }
    List<Column> columns = new ArrayList<>(SCHEMA.columns());
    Collections.shuffle(columns, random);
    return columns.subList(0, random.nextInt(columns.size() + 1));
  }

  private static String viaJsonObject(PartitionReader.Page page, List<Column> columns, boolean nested) {
    JsonArray data = new JsonArray();
    page.rows().forEach(row -> data.add(recordFromGetters(row, columns, nested)));
    return new JsonObject()
        .put("data", data)
        .put("has_more", page.hasMore())
        .put("next_cursor", page.next() == null ? null : page.next().encode())
        .put("total_count", page.totalCount())
        .toBuffer()
        .toString();
  }

  /** Builds the record as a map of the driver's values, each group an object created at its first column. */
  private static JsonObject recordFromGetters(Row row, List<Column> columns, boolean nested) {
    JsonObject json = new JsonObject()
        .put("key", row.getString("key"))
        .put("timestamp", Timestamps.formatTimestamp(row.getInstant("timestamp")))
        .put("day", row.getLocalDate("day").toString())
        .put("record_id", row.getUuid("record_id").toString());
    for (Column column : columns) {
      Object value = jsonValue(row, column);
      if (!nested || column.path().size() == 1) {
        json.put(column.name(), value);
        continue;
      }
      JsonObject parent = json;
      for (String part : column.path().subList(0, column.path().size() - 1)) {
        if (parent.getJsonObject(part) == null) {
          parent.put(part, new JsonObject());
        }
        parent = parent.getJsonObject(part);
      }
      parent.put(column.path().get(column.path().size() - 1), value);
    }
    return json;
  }

  private static Object jsonValue(Row row, Column column) {
    String name = Cql.quote(column.name());
    if (row.isNull(name)) {
      return null;
    }
    if (!column.list()) {
      return jsonScalar(row.getObject(name));
    }
    JsonArray array = new JsonArray();
    row.getList(name, column.type().javaType()).forEach(element -> array.add(jsonScalar(element)));
    return array;
  }

  private static Object jsonScalar(Object value) {
    if (value instanceof Instant instant) {
      return Timestamps.formatTimestamp(instant);
    }
    return value instanceof LocalDate date ? date.toString() : value;
  }

  private static Object randomValue(Random random, Column column) {
    if (!column.list()) {
      return randomScalar(random, column);
    }
    List<Object> list = new ArrayList<>();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      list.add(randomScalar(random, column));
    }
    return list;
  }

  private static Object randomScalar(Random random, Column column) {
    return switch (column.type()) {
      case TEXT -> randomText(random);
      case INT -> switch (random.nextInt(4)) {
        case 0 -> Long.MIN_VALUE;
        case 1 -> Long.MAX_VALUE;
        case 2 -> (long) random.nextInt(200) - 100;
        default -> random.nextLong();
      };
      case FLOAT -> switch (random.nextInt(5)) {
        case 0 -> -0.0;
        case 1 -> (double) random.nextInt(1000);
        case 2 -> Double.MIN_VALUE;
        case 3 -> -Double.MAX_VALUE;
        default -> random.nextDouble() * Math.pow(10, random.nextInt(80) - 40);
      };
      case BOOL -> random.nextBoolean();
      // One value in four lies outside the years 0000 to 9999, where the formats change.
      case DATE -> LocalDate.ofEpochDay(random.nextInt(4) == 0 ? random.nextInt(-3_000_000, 6_000_000)
          : random.nextInt(-719_162, 2_932_896));
      case TIMESTAMP -> Instant.ofEpochMilli(random.nextInt(4) == 0 ? random.nextLong(-200_000_000_000_000L, 500_000_000_000_000L)
          : random.nextLong(-62_135_596_800_000L, 253_402_300_800_000L));
    };
  }

  /** Text with quotes, backslashes, control characters and characters outside the BMP. */
  private static String randomText(Random random) {
    String[] parts = {"a", "Zürich", "\"", "\\", "\n", "\u0001", "\u2028", "😀", "</script>", "日本", " "};
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      text.append(parts[random.nextInt(parts.length)]);
    }
    return text.toString();
  }
}
