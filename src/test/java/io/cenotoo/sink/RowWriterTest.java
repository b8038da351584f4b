package io.cenotoo.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.config.Config;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.DecodedRecord;
import io.cenotoo.schema.NormalizedRecord;
import io.cenotoo.sink.RowBinder.BoundRow;
import io.cenotoo.storage.CassandraClients;
import io.cenotoo.storage.Cql;
import io.cenotoo.storage.DataTables;
import io.cenotoo.storage.MetadataSchema;
import io.cenotoo.testing.TestNode;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sink's row writer against the test run's Cassandra, in a keyspace of its own that contains both
 * the collection tables and the partition index.
 */
class RowWriterTest {

  private static final String KEYSPACE = "row_writer_test";
  private static final CollectionSchema SCHEMA = CollectionSchema.parse(new JsonObject("{\"note\": \"text\", \"n\": \"int\"}"));
  /** Cassandra's default limits on one request and on one mutation. */
  private static final int CASSANDRA_LIMIT_BYTES = 16 * 1024 * 1024;

  private static Vertx vertx;
  private static Context context;
  private static CassandraClient cassandra;

  @BeforeAll
  static void createKeyspace() throws Exception {
    // The test node's settings point at the test run's Cassandra; no node listens on the port.
    Config config = TestNode.config(0, Map.of());
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    cassandra = on(() -> Future.succeededFuture(CassandraClients.create(vertx, config, "row-writer-test")));
    on(() -> cassandra.execute(Cql.ddl(MetadataSchema.createKeyspace(KEYSPACE,
        "{'class': 'SimpleStrategy', 'replication_factor': 1}"))));
    for (String table : MetadataSchema.createTables(KEYSPACE)) {
      if (table.contains(MetadataSchema.DATA_PARTITIONS)) {
        on(() -> cassandra.execute(Cql.ddl(table)));
      }
    }
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void partitionLargerThanOneMutationIsStored() throws Exception {
    UUID collectionId = createCollection();
    String note = "x".repeat(900_000);
    int count = 24;
    LocalDate day = LocalDate.parse("2026-03-01");
    List<DecodedRecord> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant timestamp = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(i);
      JsonObject record = new JsonObject().put("key", "large").put("timestamp", timestamp.toString())
          .put("note", note).put("n", i);
      rows.add(DecodedRecord.of(NormalizedRecord.fromJson(record, SCHEMA), UUID.randomUUID()));
    }
    RowWriter writer = new RowWriter(cassandra, KEYSPACE, KEYSPACE);

    on(() -> writer.write(collectionId, SCHEMA, rows));

    List<Row> stored = on(() -> cassandra.executeWithFullFetch("SELECT n, note FROM "
        + DataTables.qualified(KEYSPACE, collectionId) + " WHERE key = 'large' AND day = '2026-03-01'"));
    assertEquals(count, stored.size(), "rows stored of " + count * note.length() + " bytes, more than the "
        + CASSANDRA_LIMIT_BYTES + " bytes that Cassandra takes in one request");
    assertEquals(note, stored.get(0).getString("note"));
  }

  @Test
  void smallRowsOfManyPartitionsAreStored() throws Exception {
    UUID collectionId = createCollection();
    List<DecodedRecord> rows = new ArrayList<>();
    Instant start = Instant.parse("2026-03-01T00:00:00Z");
    for (int i = 0; i < 1_000; i++) {
      JsonObject record = new JsonObject().put("key", "k" + (i % 7)).put("timestamp", start.plusSeconds(i * 600L).toString())
          .put("note", "row " + i).put("n", i);
      rows.add(DecodedRecord.of(NormalizedRecord.fromJson(record, SCHEMA), UUID.randomUUID()));
    }
    RowWriter writer = new RowWriter(cassandra, KEYSPACE, KEYSPACE);

    on(() -> writer.write(collectionId, SCHEMA, rows));

    List<Row> stored = on(() -> cassandra.executeWithFullFetch("SELECT n FROM " + DataTables.qualified(KEYSPACE, collectionId)));
    assertEquals(1_000, stored.size());
    long sum = stored.stream().mapToLong(row -> row.getLong("n")).sum();
    assertEquals(999L * 1_000 / 2, sum);
    List<Row> partitions = on(() -> cassandra.executeWithFullFetch("SELECT day, key FROM "
        + Cql.quote(KEYSPACE) + "." + MetadataSchema.DATA_PARTITIONS + " WHERE collection_id = " + collectionId));
    // 1,000 rows 10 minutes apart cover 7 days, and every key occurs on each of them.
    assertEquals(7 * 7, partitions.size());
  }

  @Test
  void indexRowsKeepLargestSizeClasses() throws Exception {
    UUID collectionId = createCollection();
    RowWriter writer = new RowWriter(cassandra, KEYSPACE, KEYSPACE);

    on(() -> writer.write(collectionId, SCHEMA, List.of(row("small", 0, "a"), row("grows", 0, "b"))));
    on(() -> writer.write(collectionId, SCHEMA, List.of(row("grows", 1, "x".repeat(900_000)), row("small", 1, "c"))));

    // A row with a one-character note takes 42 bytes of values: key 5, day 4, timestamp 8,
    // record_id 16, note 1 and n 8. That is class 6. A note of 900,000 characters makes class 20.
    assertEquals(Set.of(6), sizeClasses(collectionId, "small"));
    assertEquals(Set.of(6, 20), sizeClasses(collectionId, "grows"));
  }

  @Test
  void rowsBoundOffEventLoopAreStored() throws Exception {
    UUID collectionId = createCollection();
    RowWriter writer = new RowWriter(cassandra, KEYSPACE, KEYSPACE);
    List<DecodedRecord> rows = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      rows.add(row("many", i % 10, "r" + i));
    }
    rows.add(row("one", 0, "alone"));
    RowBinder binder = on(() -> writer.prepare(collectionId, SCHEMA));

    // Binds on the test thread, off the writer's event loop, as the sink's prepare executor does.
    List<RowWriter.PartitionRows> partitions = RowWriter.bind(binder, rows);
    on(() -> writer.submit(collectionId, partitions));

    assertEquals(2, partitions.size());
    assertEquals(List.of(20, 20, 5), partitions.get(0).statements().stream()
        .map(statement -> statement instanceof BatchStatement batch ? batch.size() : 1).toList());
    assertInstanceOf(BoundStatement.class, partitions.get(1).statements().get(0), "a single row goes without a batch");
    List<Row> stored = on(() -> cassandra.executeWithFullFetch("SELECT note FROM " + DataTables.qualified(KEYSPACE, collectionId)));
    assertEquals(46, stored.size());
    assertEquals(Set.of(6), sizeClasses(collectionId, "one"));
  }

  @Test
  void sizeClassRoundsUpToPowerOfTwo() {
    assertEquals(0, MetadataSchema.sizeClass(1));
    assertEquals(1, MetadataSchema.sizeClass(2));
    assertEquals(2, MetadataSchema.sizeClass(3));
    assertEquals(10, MetadataSchema.sizeClass(1024));
    assertEquals(11, MetadataSchema.sizeClass(1025));
    assertEquals(20, MetadataSchema.sizeClass(900_060));
  }

  private static DecodedRecord row(String key, int second, String note) {
    JsonObject record = new JsonObject().put("key", key).put("timestamp", "2026-03-01T00:00:0" + second + "Z")
        .put("note", note).put("n", second);
    return DecodedRecord.of(NormalizedRecord.fromJson(record, SCHEMA), UUID.randomUUID());
  }

  private static Set<Integer> sizeClasses(UUID collectionId, String key) throws Exception {
    List<Row> rows = on(() -> cassandra.executeWithFullFetch("SELECT size_classes FROM " + Cql.quote(KEYSPACE) + "."
        + MetadataSchema.DATA_PARTITIONS + " WHERE collection_id = " + collectionId + " AND day = '2026-03-01' AND key = '"
        + key + "'"));
    return rows.get(0).getSet("size_classes", Integer.class);
  }

  @Test
  void batchesEndAtTheRowOrByteLimit() {
    long quarter = RowWriter.MAX_BATCH_BYTES / 4;
    List<BoundRow> small = rowsOf(Collections.nCopies(45, 100L));
    List<BoundRow> large = rowsOf(List.of(quarter, quarter, quarter, quarter, 1L, RowWriter.MAX_BATCH_BYTES + 1, 1L));

    assertEquals(20, RowWriter.batchEnd(small, 0));
    assertEquals(45, RowWriter.batchEnd(small, 40));
    assertEquals(4, RowWriter.batchEnd(large, 0), "four quarters fill a batch");
    assertEquals(5, RowWriter.batchEnd(large, 4), "a row above the limit starts its own batch");
    assertEquals(6, RowWriter.batchEnd(large, 5), "a row above the limit goes alone");
  }

  private static List<BoundRow> rowsOf(List<Long> sizes) {
    return sizes.stream().map(bytes -> new BoundRow(null, bytes)).toList();
  }

  private static UUID createCollection() throws Exception {
    UUID collectionId = UUID.randomUUID();
    on(() -> cassandra.execute(Cql.ddl(DataTables.createTable(KEYSPACE, collectionId, SCHEMA))));
    return collectionId;
  }

  /** Runs the action on the test's event loop, as the sink runs its writer, and waits for its result. */
  private static <T> T on(Supplier<Future<T>> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> action.get().onComplete(done -> {
      if (done.succeeded()) {
        result.complete(done.result());
      } else {
        result.completeExceptionally(done.cause());
      }
    }));
    return result.get(120, TimeUnit.SECONDS);
  }
}
