package io.cenotoo.query;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.bus.ResolvedCollection;
import io.cenotoo.storage.BoundedRunner;
import io.cenotoo.storage.Cql;
import io.cenotoo.storage.DataTables;
import io.cenotoo.storage.MetadataSchema;
import io.vertx.cassandra.CassandraClient;
import io.vertx.cassandra.ResultSet;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * delete_data: finds the (key, day) partitions in the range through the partition index, counts the
 * matching records of each with {@code COUNT(*)}, then deletes them. A partition whose whole day lies
 * in the range is deleted whole, with its index row. Otherwise one clustering-range delete removes
 * the records, and the index row goes only when the partition is left empty. When index rows were
 * deleted, the operation calls {@code indexRowsDeleted} with the collection id as it ends, also
 * after a failure, so that sinks forget which index rows they already wrote.
 *
 * <p>NOTE: records of the range that the sink stores while the delete runs may survive it, and a
 * partition emptied here that receives a record at the same moment may lose its index row. The row
 * comes back with the first write to that partition after the sink handled the event, or, if the
 * sink missed it, after the sink's cache entry expired (one minute).
 */
final class DeleteOperation {

  static final int FETCH_SIZE = 500;
  static final int PARTITIONS_IN_FLIGHT = 4;

  private final CassandraClient cassandra;
  private final String dataKeyspace;
  private final PreparedStatement indexByDays;
  private final PreparedStatement deleteIndexRow;
  private final Consumer<UUID> indexRowsDeleted;
  private final Map<UUID, Future<Statements>> statements = new HashMap<>();

  private DeleteOperation(CassandraClient cassandra, String dataKeyspace, PreparedStatement indexByDays,
      PreparedStatement deleteIndexRow, Consumer<UUID> indexRowsDeleted) {
    this.cassandra = cassandra;
    this.dataKeyspace = dataKeyspace;
    this.indexByDays = indexByDays;
    this.deleteIndexRow = deleteIndexRow;
    this.indexRowsDeleted = indexRowsDeleted;
  }

  static Future<DeleteOperation> create(CassandraClient cassandra, String dataKeyspace, String metadataKeyspace,
      Consumer<UUID> indexRowsDeleted) {
    String index = Cql.quote(metadataKeyspace) + "." + MetadataSchema.DATA_PARTITIONS;
    Future<PreparedStatement> byDays = cassandra.prepare("SELECT day, key FROM " + index
        + " WHERE collection_id = ? AND day >= ? AND day <= ?");
    Future<PreparedStatement> deleteRow = cassandra.prepare("DELETE FROM " + index
        + " WHERE collection_id = ? AND day = ? AND key = ?");
    return Future.all(byDays, deleteRow)
        .map(done -> new DeleteOperation(cassandra, dataKeyspace, byDays.result(), deleteRow.result(), indexRowsDeleted));
  }

  Future<JsonObject> delete(ResolvedCollection collection, DeleteCriteria criteria) {
    return statementsFor(collection.collectionId()).compose(prepared -> {
      Run run = new Run(collection.collectionId(), criteria, prepared);
      LocalDate firstDay = LocalDate.ofInstant(criteria.from(), ZoneOffset.UTC);
      LocalDate lastDay = LocalDate.ofInstant(criteria.to(), ZoneOffset.UTC);
      return cassandra.execute(indexByDays.bind(collection.collectionId(), firstDay, lastDay).setPageSize(FETCH_SIZE))
          .compose(run::walkIndex)
          .onComplete(done -> {
            if (run.indexRowDeletes > 0) {
              indexRowsDeleted.accept(collection.collectionId());
            }
          })
          .map(v -> new JsonObject()
              .put("message", run.records > 0 ? "Data deleted successfully" : "No data found for the specified criteria")
              .put("criteria", criteria.echo())
              .put("deleted_partitions", run.partitions)
              .put("deleted_records", run.records));
    });
  }

  /** Forgets a collection's prepared statements, for example after it was deleted. */
  void forget(UUID collectionId) {
    statements.remove(collectionId);
  }

  private Future<Statements> statementsFor(UUID collectionId) {
    return statements.computeIfAbsent(collectionId, id -> {
      String table = DataTables.qualified(dataKeyspace, id);
      String partition = " WHERE key = ? AND day = ?";
      String range = partition + " AND timestamp >= ? AND timestamp <= ?";
      Future<PreparedStatement> countRange = cassandra.prepare("SELECT COUNT(*) AS records FROM " + table + range);
      Future<PreparedStatement> deleteRange = cassandra.prepare("DELETE FROM " + table + range);
      Future<PreparedStatement> deletePartition = cassandra.prepare("DELETE FROM " + table + partition);
      Future<PreparedStatement> anyRow = cassandra.prepare("SELECT timestamp FROM " + table + partition + " LIMIT 1");
      return Future.all(countRange, deleteRange, deletePartition, anyRow)
          .map(done -> new Statements(countRange.result(), deleteRange.result(), deletePartition.result(), anyRow.result()))
          .onFailure(failure -> statements.remove(id));
    });
  }

  private record Statements(PreparedStatement countRange, PreparedStatement deleteRange,
      PreparedStatement deletePartition, PreparedStatement anyRow) {
  }

  /** The counts of one delete_data request. */
  private final class Run {

    private final UUID collectionId;
    private final DeleteCriteria criteria;
    private final Statements prepared;
    long partitions;
    long records;
    /** Index-row deletes sent, whether or not they succeeded. */
    long indexRowDeletes;

    Run(UUID collectionId, DeleteCriteria criteria, Statements prepared) {
      this.collectionId = collectionId;
      this.criteria = criteria;
      this.prepared = prepared;
    }

    Future<Void> walkIndex(ResultSet index) {
      List<Supplier<Future<?>>> deletes = new ArrayList<>();
      for (Row row : index.currentPage()) {
        LocalDate day = row.getLocalDate("day");
        String key = row.getString("key");
        if (criteria.key() == null || criteria.key().equals(key)) {
          deletes.add(() -> deletePartition(key, day));
        }
      }
      return BoundedRunner.run(deletes, PARTITIONS_IN_FLIGHT)
          .compose(v -> index.hasMorePages() ? index.fetchNextPage().compose(this::walkIndex) : Future.succeededFuture());
    }

    private Future<Void> deletePartition(String key, LocalDate day) {
      Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant dayEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
      boolean wholeDay = !criteria.from().isAfter(dayStart) && !criteria.to().isBefore(dayEnd);

      return cassandra.execute(prepared.countRange().bind(key, day, criteria.from(), criteria.to()))
          .compose(rows -> {
            long count = rows.one().getLong("records");
            if (count == 0) {
              return Future.succeededFuture();
            }
            partitions++;
            records += count;
            if (wholeDay) {
              return cassandra.execute(prepared.deletePartition().bind(key, day))
                  .compose(done -> deleteIndexRow(key, day));
            }
            return cassandra.execute(prepared.deleteRange().bind(key, day, criteria.from(), criteria.to()))
                .compose(done -> cassandra.execute(prepared.anyRow().bind(key, day)))
                .compose(left -> left.one() == null ? deleteIndexRow(key, day) : Future.succeededFuture());
          });
    }

    private Future<Void> deleteIndexRow(String key, LocalDate day) {
      indexRowDeletes++;
      return cassandra.execute(deleteIndexRow.bind(collectionId, day, key)).mapEmpty();
    }
  }
}
