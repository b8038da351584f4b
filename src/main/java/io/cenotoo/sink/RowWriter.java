package io.cenotoo.sink;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.cenotoo.config.Config;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.DecodedRecord;
import io.cenotoo.sink.RowBinder.BoundRow;
import io.cenotoo.storage.DataTables;
import io.cenotoo.storage.MetadataSchema;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes records to their collection tables and the partition index. Rows of one partition go out
 * as unlogged batches of at most {@link #ROWS_PER_BATCH} rows and {@link #MAX_BATCH_BYTES} of
 * values, which Cassandra applies as one mutation. At most {@link #MAX_IN_FLIGHT} statements run at
 * once across every batch being written, the setting that the raw-driver baseline of the storage
 * benchmark uses. A partition's index row, with the size class of its largest row, is written
 * with its rows (before them from {@link MetadataSchema#ORDERED_SIZE_CLASS}), and again only when
 * {@link PartitionIndexCache} does not contain it or a larger row arrives. Writes are idempotent: a replayed record has the same
 * primary key and overwrites its own row. Use from one event loop.
 */
final class RowWriter {

  static final int ROWS_PER_BATCH = 20;
  /**
   * Cassandra rejects a request larger than native_transport_max_message_size and a mutation
   * larger than half a commit log segment, both 16 MiB by default, and the sink would retry such a
   * batch forever. A row larger than this goes alone, and {@link Config#MAX_RECORD_BYTES_LIMIT}
   * keeps one row under those limits.
   */
  static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;
  static final int MAX_IN_FLIGHT = 64;

  private final CassandraClient cassandra;
  private final String dataKeyspace;
  private final String metadataKeyspace;
  private final Map<UUID, Future<RowBinder>> inserts = new HashMap<>();
  private final StatementLimiter limiter = new StatementLimiter(MAX_IN_FLIGHT);
  private final PartitionIndexCache indexed = new PartitionIndexCache();
  private Future<PreparedStatement> indexInsert;

  RowWriter(CassandraClient cassandra, String dataKeyspace, String metadataKeyspace) {
    this.cassandra = cassandra;
    this.dataKeyspace = dataKeyspace;
    this.metadataKeyspace = metadataKeyspace;
  }

  /** Writes records of the collection with this schema. Each record's values are in the order of its columns. */
  Future<Void> write(UUID collectionId, CollectionSchema schema, List<DecodedRecord> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return prepare(collectionId, schema).compose(binder -> submit(collectionId, bind(binder, rows)));
  }

  /**
   * Prepares the collection's insert and the partition index's insert, once per collection. The
   * binder that the future returns may be used from any thread.
   */
  Future<RowBinder> prepare(UUID collectionId, CollectionSchema schema) {
    Future<RowBinder> insert = inserts.computeIfAbsent(collectionId,
        id -> cassandra.prepare(DataTables.insert(dataKeyspace, id, schema))
            .map(prepared -> new RowBinder(prepared, schema.columns())));
    if (indexInsert == null) {
      indexInsert = cassandra.prepare(MetadataSchema.addPartitionSizeClass(metadataKeyspace));
    }

    Future<PreparedStatement> index = indexInsert;
    return Future.all(insert, index)
        .recover(failure -> {
          // Prepare again on the next write, so one failed prepare does not fail every later write.
          inserts.remove(collectionId);
          if (indexInsert == index && index.failed()) {
            indexInsert = null;
          }
          return Future.failedFuture(failure);
        })
        .map(prepared -> insert.result());
  }

  /**
   * Binds the rows and groups them into the statements of their partitions. It touches no state
   * of the writer, so it may run on a worker thread while the event loop handles responses.
   */
  static List<PartitionRows> bind(RowBinder binder, List<DecodedRecord> rows) {
    Map<PartitionKey, List<BoundRow>> byPartition = new LinkedHashMap<>();
    for (DecodedRecord row : rows) {
      PartitionKey partition = new PartitionKey(row.key(), LocalDate.ofInstant(row.timestamp(), ZoneOffset.UTC));
      byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(binder.bind(row, partition.day()));
    }

    List<PartitionRows> partitions = new ArrayList<>(byPartition.size());
    byPartition.forEach((partition, bound) -> {
      int sizeClass = MetadataSchema.sizeClass(bound.stream().mapToLong(BoundRow::bytes).max().orElse(0));
      List<Statement<?>> statements = new ArrayList<>();
      for (int from = 0, to; from < bound.size(); from = to) {
        to = batchEnd(bound, from);
        statements.add(to - from == 1 ? bound.get(from).statement() : batch(bound.subList(from, to)));
      }
      partitions.add(new PartitionRows(partition, sizeClass, statements));
    });
    return partitions;
  }

  /**
   * Runs the statements that {@link #bind} built for the collection, with the index rows that
   * {@link PartitionIndexCache} does not contain yet. Call it only after {@link #prepare} succeeded
   * for the collection.
   */
  Future<Void> submit(UUID collectionId, List<PartitionRows> partitions) {
    PreparedStatement index = indexInsert.result();
    List<Supplier<Future<?>>> indexWrites = new ArrayList<>();
    List<Supplier<Future<?>>> batches = new ArrayList<>();
    int largestClass = 0;
    for (PartitionRows rows : partitions) {
      PartitionKey partition = rows.partition();
      if (rows.sizeClass() > indexed.sizeClass(collectionId, partition.day(), partition.key())) {
        indexWrites.add(() -> writeIndexRow(index, collectionId, partition, rows.sizeClass()));
        largestClass = Math.max(largestClass, rows.sizeClass());
      }
      rows.statements().forEach(statement -> batches.add(() -> cassandra.execute(statement)));
    }

    if (largestClass < MetadataSchema.ORDERED_SIZE_CLASS) {
      indexWrites.addAll(batches);
      return limiter.run(indexWrites);
    }
    // Readers size their fetches by the index row's size classes, so a large class goes in
    // before the rows of that class, at the cost of one round trip for this write.
    return limiter.run(indexWrites).compose(v -> limiter.run(batches));
  }

  /**
   * Creates a partition's index row or adds a size class to it, and records it once Cassandra
   * acknowledged the write.
   */
  private Future<?> writeIndexRow(PreparedStatement index, UUID collectionId, PartitionKey partition, int sizeClass) {
    long epoch = indexed.epoch();
    return cassandra.execute(index.bind(Set.of(sizeClass), collectionId, partition.day(), partition.key()))
        .onSuccess(done -> indexed.add(collectionId, partition.day(), partition.key(), sizeClass, epoch));
  }

  /** Forgets the prepared insert of a collection, for example after its table changed or was dropped. */
  void forget(UUID collectionId) {
    inserts.remove(collectionId);
  }

  /** Forgets which index rows of a collection exist, after a delete may have removed some of them. */
  void forgetIndexRows(UUID collectionId) {
    indexed.invalidate(collectionId);
  }

  /**
   * Returns the end of the batch that starts at {@code from}: at most {@link #ROWS_PER_BATCH} rows
   * and {@link #MAX_BATCH_BYTES} of values, and at least one row.
   */
  static int batchEnd(List<BoundRow> rows, int from) {
    int end = from + 1;
    long bytes = rows.get(from).bytes();
    while (end < rows.size() && end - from < ROWS_PER_BATCH && bytes + rows.get(end).bytes() <= MAX_BATCH_BYTES) {
      bytes += rows.get(end).bytes();
      end++;
    }
    return end;
  }

  private static BatchStatement batch(List<BoundRow> rows) {
    BatchStatementBuilder builder = BatchStatement.builder(DefaultBatchType.UNLOGGED);
    rows.forEach(row -> builder.addStatement(row.statement()));
    return builder.build();
  }

  private record PartitionKey(String key, LocalDate day) {
  }

  /**
   * The statements of one partition's rows, and the size class of its largest row. Single rows
   * go as bound statements, more rows as unlogged batches.
   */
  record PartitionRows(PartitionKey partition, int sizeClass, List<Statement<?>> statements) {
  }
}
