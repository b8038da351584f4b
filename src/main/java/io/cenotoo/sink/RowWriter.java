package io.cenotoo.sink;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.DecodedRecord;
import io.cenotoo.storage.Cql;
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
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes records to their collection tables and the partition index. Rows of one partition go out
 * as unlogged batches of at most {@link #ROWS_PER_BATCH}, which Cassandra applies as one mutation;
 * at most {@link #MAX_IN_FLIGHT} statements run at once across every batch being written, the
 * setting that the raw-driver baseline of the storage benchmark uses. A partition's index row is
 * inserted once and then skipped while {@link PartitionIndexCache} contains it. Writes are idempotent:
 * a replayed record has the same primary key and overwrites its own row. Use from one event loop.
 */
final class RowWriter {

  static final int ROWS_PER_BATCH = 20;
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
    Future<RowBinder> insert = inserts.computeIfAbsent(collectionId,
        id -> cassandra.prepare(DataTables.insert(dataKeyspace, id, schema))
            .map(prepared -> new RowBinder(prepared, schema.columns())));
    if (indexInsert == null) {
      indexInsert = cassandra.prepare("INSERT INTO " + Cql.quote(metadataKeyspace) + "." + MetadataSchema.DATA_PARTITIONS
          + " (collection_id, day, key) VALUES (?, ?, ?)");
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
        .compose(prepared -> {
          Map<PartitionKey, List<BoundStatement>> byPartition = new LinkedHashMap<>();
          RowBinder binder = insert.result();
          for (DecodedRecord row : rows) {
            PartitionKey partition = new PartitionKey(row.key(), LocalDate.ofInstant(row.timestamp(), ZoneOffset.UTC));
            byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(binder.bind(row, partition.day()));
          }

          List<Supplier<Future<?>>> tasks = new ArrayList<>();
          byPartition.forEach((partition, statements) -> {
            if (!indexed.contains(collectionId, partition.day(), partition.key())) {
              tasks.add(() -> insertIndexRow(index.result(), collectionId, partition));
            }
            for (int from = 0; from < statements.size(); from += ROWS_PER_BATCH) {
              List<BoundStatement> chunk = statements.subList(from, Math.min(from + ROWS_PER_BATCH, statements.size()));
              tasks.add(() -> cassandra.execute(chunk.size() == 1 ? chunk.get(0) : batch(chunk)));
            }
          });
          return limiter.run(tasks);
        });
  }

  /** Inserts a partition's index row and records it once Cassandra acknowledged the write. */
  private Future<?> insertIndexRow(PreparedStatement index, UUID collectionId, PartitionKey partition) {
    long epoch = indexed.epoch();
    return cassandra.execute(index.bind(collectionId, partition.day(), partition.key()))
        .onSuccess(done -> indexed.add(collectionId, partition.day(), partition.key(), epoch));
  }

  /** Forgets the prepared insert of a collection, for example after its table changed or was dropped. */
  void forget(UUID collectionId) {
    inserts.remove(collectionId);
  }

  /** Forgets which index rows of a collection exist, after a delete may have removed some of them. */
  void forgetIndexRows(UUID collectionId) {
    indexed.invalidate(collectionId);
  }

  private static BatchStatement batch(List<BoundStatement> statements) {
    BatchStatementBuilder builder = BatchStatement.builder(DefaultBatchType.UNLOGGED);
    statements.forEach(builder::addStatement);
    return builder.build();
  }

  private record PartitionKey(String key, LocalDate day) {
  }
}
