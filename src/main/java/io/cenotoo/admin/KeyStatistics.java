package io.cenotoo.admin;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.bus.Requests;
import io.cenotoo.error.ApiException;
import io.cenotoo.storage.DataTables;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Statistics of one key of a collection: the partition index names the days on which the key has
 * records, and one {@code COUNT(*), MIN(timestamp), MAX(timestamp)} per (key, day) partition adds
 * them up. Every read addresses one partition. Use from the admin verticle's event loop only.
 */
final class KeyStatistics {

  private static final int MAX_PREPARED_TABLES = 1_000;

  private final CassandraClient cassandra;
  private final MetadataStore store;
  private final ProjectOperations projects;
  private final CollectionOperations collections;
  private final String dataKeyspace;
  private final Map<UUID, Future<PreparedStatement>> statements = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<UUID, Future<PreparedStatement>> eldest) {
      return size() > MAX_PREPARED_TABLES;
    }
  };

  KeyStatistics(CassandraClient cassandra, MetadataStore store, ProjectOperations projects,
      CollectionOperations collections, String dataKeyspace) {
    this.cassandra = cassandra;
    this.store = store;
    this.projects = projects;
    this.collections = collections;
    this.dataKeyspace = dataKeyspace;
  }

  Future<Object> stats(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    UUID collectionId = Requests.pathUuid(request, "collection_id");
    String key = request.getJsonObject("path", new JsonObject()).getString("key");

    return projects.requireProject(projectId)
        .compose(project -> collections.requireCollection(projectId, collectionId))
        .compose(collection -> daysWithData(collectionId, key)
            .compose(days -> countDays(collectionId, key, days))
            .map(counts -> toJson(key, collection.getString("name"), counts)));
  }

  private Future<List<LocalDate>> daysWithData(UUID collectionId, String key) {
    return store.all("partitions.list", collectionId).map(rows -> rows.stream()
        .filter(row -> key.equals(row.getString("key")))
        .map(row -> row.getLocalDate("day"))
        .toList());
  }

  private Future<List<DayCount>> countDays(UUID collectionId, String key, List<LocalDate> days) {
    return statement(collectionId).compose(statement -> {
      List<Future<DayCount>> counts = days.stream()
          .map(day -> cassandra.execute(statement.bind(key, day)).map(rs -> toDayCount(day, rs.one())))
          .toList();
      return Future.all(counts).map(done -> counts.stream().map(Future::result).filter(c -> c.records > 0).toList());
    });
  }

  private Future<PreparedStatement> statement(UUID collectionId) {
    Future<PreparedStatement> cached = statements.get(collectionId);
    if (cached != null && !cached.failed()) {
      return cached;
    }
    Future<PreparedStatement> prepared = cassandra.prepare("SELECT COUNT(*), MIN(timestamp), MAX(timestamp) FROM "
        + DataTables.qualified(dataKeyspace, collectionId) + " WHERE key = ? AND day = ?");
    statements.put(collectionId, prepared);
    return prepared;
  }

  private static DayCount toDayCount(LocalDate day, Row row) {
    return row == null ? new DayCount(day, 0, null, null)
        : new DayCount(day, row.getLong(0), row.getInstant(1), row.getInstant(2));
  }

  private static JsonObject toJson(String key, String collectionName, List<DayCount> counts) {
    if (counts.isEmpty()) {
      throw ApiException.notFound("No data found for key '" + key + "' in collection " + collectionName + ".");
    }
    long total = counts.stream().mapToLong(DayCount::records).sum();
    Instant first = counts.stream().map(DayCount::first).min(Instant::compareTo).orElse(null);
    Instant last = counts.stream().map(DayCount::last).max(Instant::compareTo).orElse(null);
    JsonArray daily = new JsonArray();
    counts.forEach(count -> daily.add(new JsonObject().put("date", count.day.toString()).put("record_count", count.records)));
    return new JsonObject()
        .put("key", key)
        .put("collection_name", collectionName)
        .put("total_records", total)
        .put("first_timestamp", Views.instant(first))
        .put("last_timestamp", Views.instant(last))
        .put("daily_breakdown", daily);
  }

  private record DayCount(LocalDate day, long records, Instant first, Instant last) {
  }
}
