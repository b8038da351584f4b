package io.cenotoo.stats;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.bus.ResolvedCollection;
import io.cenotoo.filter.RowValues;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.Column;
import io.cenotoo.schema.FieldType;
import io.cenotoo.storage.BoundedRunner;
import io.cenotoo.storage.Cql;
import io.cenotoo.storage.DataTables;
import io.cenotoo.storage.MetadataSchema;
import io.cenotoo.storage.RowSizes;
import io.vertx.cassandra.CassandraClient;
import io.vertx.cassandra.ResultSet;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes statistics by visiting only the (key, day) partitions of the partition index that lie in
 * the time range, each restricted to that range, with no ALLOW FILTERING. Rows stream through
 * driver pages into the {@link Aggregator}.
 *
 * <p>For count, min, max, sum and avg without filters, grouped by key, with buckets of whole days,
 * Cassandra aggregates instead: one {@code SELECT COUNT, MIN, MAX, SUM(CAST(... AS decimal))} per
 * bucket within a partition (at most two, because a UTC day spans at most two local days), so only
 * one row per query crosses the network. The cast keeps sums exact, because Cassandra turns each
 * double into the decimal of its shortest text form, as {@link Cell#add} does.
 *
 * <p>A query per partition costs far more than reading a row. Measured on two shared cores, with
 * {@link #PARTITIONS_IN_FLIGHT} at once, it took 80 to 170 µs per partition against 3 to 11 µs per
 * row of a plain driver read of the whole table. Over many partitions of a few rows each, such as the 20,000
 * flights in 6,901 (origin, day) partitions, one query per partition took 0.5 to 1.2 s against 0.06
 * to 0.23 s for reading every row. So after the first index page, when the rows per partition seen
 * so far predict that reading the whole table costs less than the partitions left, the reader
 * scans the table instead and keeps the rows of the partitions and times in range that it has not
 * read yet ({@link #scanIsCheaper}). Collections whose selected columns may be large are never
 * scanned, because a scan's fetches cannot follow the partitions' size classes.
 */
final class StatsReader {

  static final int FETCH_SIZE = 1000;
  /**
   * Index rows per page. The partitions of one page are read before the next page is fetched, and
   * the first page's rows per partition decide whether to scan, so a small page decides early.
   */
  static final int INDEX_PAGE_SIZE = 250;
  /** Rows per fetch of a table scan, which only reads collections without large columns. */
  static final int SCAN_FETCH_SIZE = 5000;
  /**
   * Stored bytes that the fetches of the partitions in flight should carry together at most,
   * judged by the size classes of each partition's index row, which the sink adds before it writes
   * the rows of a class. Rows are read with the columns the request needs only, but those may
   * include text or lists of up to a whole record. A class counts whole rows, so a selection without
   * the large column of such a collection still gets fetches sized for it.
   */
  static final long FETCH_BYTES = 16L * 1024 * 1024;
  /**
   * Rows per fetch of a partition whose index row has no size class, when a selected column may be
   * large and this request saw no row yet. After a row, the fetches follow the largest row seen.
   *
   * <p>NOTE: only index rows written before the sink recorded size classes lack them. Over such
   * partitions, once only small rows were seen, a fetch requests up to {@link #FETCH_SIZE} rows
   * however large they turn out to be. The classes of a partition that grows during a request are
   * not seen by that request either.
   */
  static final int FIRST_FETCH_SIZE = 20;
  /** Partitions read at once; the reads of one request share the verticle's event loop. */
  static final int PARTITIONS_IN_FLIGHT = 8;
  /**
   * Rows a table scan reads for the cost of one partition query, a cautious ratio of the costs
   * measured above.
   */
  static final int SCAN_ROWS_PER_PARTITION_QUERY = 10;
  /** The first and last days of stored records, whose timestamps lie in the years 0000 to 9999. */
  private static final LocalDate FIRST_STORED_DAY = LocalDate.of(0, 1, 1);
  private static final LocalDate LAST_STORED_DAY = LocalDate.of(9999, 12, 31);
  static final int MAX_STATEMENTS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(StatsReader.class);

  private final CassandraClient cassandra;
  private final String dataKeyspace;
  private final PreparedStatement indexByDays;
  private final PreparedStatement countByDays;
  /**
   * Prepared statements by name, the least recently used dropped beyond {@link #MAX_STATEMENTS}:
   * a streamed read selects the columns that its request needs, so requests can prepare many.
   */
  private final Map<String, Future<PreparedStatement>> statements = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Future<PreparedStatement>> eldest) {
      return size() > MAX_STATEMENTS;
    }
  };

  private StatsReader(CassandraClient cassandra, String dataKeyspace, PreparedStatement indexByDays,
      PreparedStatement countByDays) {
    this.cassandra = cassandra;
    this.dataKeyspace = dataKeyspace;
    this.indexByDays = indexByDays;
    this.countByDays = countByDays;
  }

  static Future<StatsReader> create(CassandraClient cassandra, String dataKeyspace, String metadataKeyspace) {
    Future<PreparedStatement> index = cassandra.prepare(MetadataSchema.selectPartitionsWithSizesByDays(metadataKeyspace));
    Future<PreparedStatement> count = cassandra.prepare(MetadataSchema.countPartitionsByDays(metadataKeyspace));
    return Future.all(index, count).map(done -> new StatsReader(cassandra, dataKeyspace, index.result(), count.result()));
  }

  /** Returns whether Cassandra can aggregate the request per partition and bucket. */
  static boolean canPushDown(StatsQuery query, CollectionSchema schema) {
    Column column = query.attribute() == null ? null : schema.column(query.attribute());
    return query.stat() != Stat.DISTINCT && query.filter() == null && query.groupsByKey()
        && query.buckets().unit().isCalendar() && (column == null || !column.list());
  }

  Future<JsonArray> read(ResolvedCollection collection, StatsQuery query) {
    boolean pushDown = canPushDown(query, collection.schema());
    List<Column> columns = selectedColumns(collection.schema(), query);
    Future<PreparedStatement> statement = pushDown ? aggregateStatement(collection, query)
        : rangeStatement(collection, columns);
    boolean mayBeLarge = columns.stream().anyMatch(RowSizes::mayBeLarge);
    return statement.compose(prepared -> {
      Walk walk = new Walk(collection, columns, query, prepared, pushDown, mayBeLarge);
      return cassandra.execute(indexByDays.bind(collection.collectionId(), walk.firstDay, walk.lastDay)
              .setPageSize(INDEX_PAGE_SIZE))
          .compose(walk::walkIndex)
          .map(v -> walk.aggregator.results());
    });
  }

  /** Forgets a collection's prepared statements, for example after it was deleted. */
  void forget(UUID collectionId) {
    statements.keySet().removeIf(name -> name.startsWith(collectionId.toString()));
  }

  /**
   * Returns the schema columns that a streamed read needs: the attribute, the group_by field and
   * the filtered fields. {@code key} and {@code timestamp} are always read.
   */
  static List<Column> selectedColumns(CollectionSchema schema, StatsQuery query) {
    Set<String> names = new LinkedHashSet<>();
    if (query.attribute() != null) {
      names.add(query.attribute());
    }
    names.add(query.groupBy());
    if (query.filter() != null) {
      names.addAll(query.filter().properties());
    }
    List<Column> columns = new ArrayList<>();
    for (String name : names) {
      Column column = schema.column(name);
      if (column != null) {
        columns.add(column);
      }
    }
    return columns;
  }

  private Future<PreparedStatement> rangeStatement(ResolvedCollection collection, List<Column> columns) {
    String select = select(columns, "key, timestamp");
    String table = DataTables.qualified(dataKeyspace, collection.collectionId());
    return prepare(collection.collectionId() + "/rows/" + select, select + " FROM " + table
        + " WHERE key = ? AND day = ? AND timestamp >= ? AND timestamp <= ?");
  }

  /** Prepares the read of every row of the table, in token order, with the partition columns. */
  private Future<PreparedStatement> scanStatement(ResolvedCollection collection, List<Column> columns) {
    String select = select(columns, "key, day, timestamp");
    String table = DataTables.qualified(dataKeyspace, collection.collectionId());
    return prepare(collection.collectionId() + "/scan/" + select, select + " FROM " + table);
  }

  private static String select(List<Column> columns, String fixedColumns) {
    StringBuilder select = new StringBuilder("SELECT ").append(fixedColumns);
    columns.forEach(column -> select.append(", ").append(Cql.quote(column.name())));
    return select.toString();
  }

  /**
   * Returns whether scanning the table costs less than querying the partitions in range that are
   * left, judged by the rows per partition read so far. A scan reads the whole table, estimated as
   * all of its partitions at that many rows each.
   *
   * @param tablePartitions partitions of the whole table
   * @param partitionsLeft partitions in range not read yet
   */
  static boolean scanIsCheaper(long partitionsRead, long rowsRead, long tablePartitions, long partitionsLeft) {
    if (partitionsRead == 0 || partitionsLeft <= 0) {
      return false;
    }
    double rowsPerPartition = (double) rowsRead / partitionsRead;
    return tablePartitions * rowsPerPartition < (double) partitionsLeft * SCAN_ROWS_PER_PARTITION_QUERY;
  }

  /**
   * Prepares the per-piece aggregate: record count alone for no attribute or {@code key} (never
   * null), value count for other non-numeric fields, and count, min, max and exact sum for numbers.
   */
  private Future<PreparedStatement> aggregateStatement(ResolvedCollection collection, StatsQuery query) {
    String table = DataTables.qualified(dataKeyspace, collection.collectionId());
    String where = " FROM " + table + " WHERE key = ? AND day = ? AND timestamp >= ? AND timestamp < ?";
    String attribute = query.attribute();
    if (attribute == null || attribute.equals("key")) {
      return prepare(collection.collectionId() + "/count", "SELECT COUNT(*) AS row_count" + where);
    }
    String column = Cql.quote(attribute);
    String counts = "SELECT COUNT(*) AS row_count, COUNT(" + column + ") AS value_count";
    if (query.attributeType() != FieldType.INT && query.attributeType() != FieldType.FLOAT) {
      return prepare(collection.collectionId() + "/count/" + attribute, counts + where);
    }
    return prepare(collection.collectionId() + "/aggregate/" + attribute, counts + ", MIN(" + column
        + ") AS min_value, MAX(" + column + ") AS max_value, SUM(CAST(" + column + " AS decimal)) AS sum_value" + where);
  }

  private Future<PreparedStatement> prepare(String name, String cql) {
    return statements.computeIfAbsent(name, n -> cassandra.prepare(cql).onFailure(failure -> statements.remove(n)));
  }

  /**
   * Returns the rows per fetch of one partition: {@link #FETCH_SIZE} when no selected column
   * {@code mayBeLarge}, else lowered so that the partitions in flight together fetch about
   * {@link #FETCH_BYTES} of rows as large as the partition's {@code sizeClasses} allow. Without
   * classes, the largest row that the request saw counts, and before it saw one,
   * {@link #FIRST_FETCH_SIZE}.
   */
  static int fetchRows(Set<Integer> sizeClasses, long largestSeen, boolean mayBeLarge) {
    if (!mayBeLarge) {
      return FETCH_SIZE;
    }
    long largest = sizeClasses.isEmpty() ? largestSeen : 1L << Collections.max(sizeClasses);
    if (largest <= 0) {
      return FIRST_FETCH_SIZE;
    }
    return (int) Math.max(1, Math.min(FETCH_SIZE, FETCH_BYTES / PARTITIONS_IN_FLIGHT / largest));
  }

  /** The state of one request: the aggregator and the statement that reads a partition. */
  private final class Walk {

    private final ResolvedCollection collection;
    private final CollectionSchema schema;
    private final List<Column> columns;
    private final StatsQuery query;
    private final PreparedStatement statement;
    private final boolean pushDown;
    private final Aggregator aggregator;
    /** Whether a selected column is text or a list, whose rows may take up to a whole record. */
    private final boolean mayBeLarge;
    private final LocalDate firstDay;
    private final LocalDate lastDay;
    private long largestRow;
    private long partitionsRead;
    private long rowsRead;

    Walk(ResolvedCollection collection, List<Column> columns, StatsQuery query, PreparedStatement statement,
        boolean pushDown, boolean mayBeLarge) {
      this.collection = collection;
      this.schema = collection.schema();
      this.columns = columns;
      this.query = query;
      this.statement = statement;
      this.pushDown = pushDown;
      this.mayBeLarge = mayBeLarge;
      this.aggregator = new Aggregator(query);
      this.firstDay = LocalDate.ofInstant(query.start(), ZoneOffset.UTC);
      this.lastDay = LocalDate.ofInstant(query.end(), ZoneOffset.UTC);
    }

    Future<Void> walkIndex(ResultSet index) {
      boolean firstPage = partitionsRead == 0;
      List<Supplier<Future<?>>> reads = new ArrayList<>();
      Set<PartitionRef> read = new HashSet<>();
      for (Row partition : index.currentPage()) {
        LocalDate day = partition.getLocalDate("day");
        String key = partition.getString("key");
        Set<Integer> sizeClasses = partition.getSet("size_classes", Integer.class);
        reads.add(() -> pushDown ? aggregatePartition(key, day) : streamPartition(key, day, sizeClasses));
        if (firstPage) {
          read.add(new PartitionRef(key, day));
        }
      }
      return BoundedRunner.run(reads, PARTITIONS_IN_FLIGHT).compose(v -> {
        partitionsRead += reads.size();
        if (!index.hasMorePages()) {
          return Future.succeededFuture();
        }
        Future<Boolean> scan = firstPage && !mayBeLarge ? decideScan() : Future.succeededFuture(false);
        return scan.compose(cheaper -> cheaper ? scan(read) : index.fetchNextPage().compose(this::walkIndex));
      });
    }

    /**
     * Counts the table's partitions and those in range, and compares the costs by
     * {@link StatsReader#scanIsCheaper}. When a count fails, the walk goes on partition by partition.
     *
     * <p>NOTE: both counts read the collection's whole partition index, one row per (key, day), so
     * over millions of partitions the decision takes seconds. A count kept per collection would
     * avoid that, and nothing keeps one yet.
     */
    private Future<Boolean> decideScan() {
      Future<Long> inTable = countPartitions(FIRST_STORED_DAY, LAST_STORED_DAY);
      Future<Long> inRange = countPartitions(firstDay, lastDay);
      return Future.all(inTable, inRange)
          .map(counted -> StatsReader.scanIsCheaper(partitionsRead, rowsRead, inTable.result(),
              inRange.result() - partitionsRead))
          .recover(failure -> {
            LOG.warn("Counting index rows failed; reading partition by partition [collection: {}]: {}",
                collection.collectionId(), failure.toString());
            return Future.succeededFuture(false);
          });
    }

    private Future<Long> countPartitions(LocalDate from, LocalDate to) {
      return cassandra.execute(countByDays.bind(collection.collectionId(), from, to)).map(rows -> rows.one().getLong(0));
    }

    /**
     * Reads every row of the table and aggregates those in the time range whose partition was not
     * read before, which are the first index page's {@code read}.
     */
    private Future<Void> scan(Set<PartitionRef> read) {
      return scanStatement(collection, columns)
          .compose(prepared -> cassandra.execute(prepared.bind().setPageSize(SCAN_FETCH_SIZE)))
          .compose(rows -> consumeScan(rows, read));
    }

    private Future<Void> consumeScan(ResultSet rows, Set<PartitionRef> read) {
      for (Row row : rows.currentPage()) {
        LocalDate day = row.getLocalDate("day");
        Instant timestamp = row.getInstant("timestamp");
        if (day.isBefore(firstDay) || day.isAfter(lastDay) || timestamp.isBefore(query.start())
            || timestamp.isAfter(query.end()) || read.contains(new PartitionRef(row.getString("key"), day))) {
          continue;
        }
        add(row);
      }
      return rows.hasMorePages() ? rows.fetchNextPage().compose(page -> consumeScan(page, read)) : Future.succeededFuture();
    }

    private Future<Void> streamPartition(String key, LocalDate day, Set<Integer> sizeClasses) {
      int fetch = fetchRows(sizeClasses, largestRow, mayBeLarge);
      return cassandra.execute(statement.bind(key, day, query.start(), query.end()).setPageSize(fetch))
          .compose(this::consume);
    }

    private Future<Void> consume(ResultSet rows) {
      for (Row row : rows.currentPage()) {
        if (mayBeLarge) {
          largestRow = Math.max(largestRow, RowSizes.storedBytes(row));
        }
        rowsRead++;
        add(row);
      }
      return rows.hasMorePages() ? rows.fetchNextPage().compose(this::consume) : Future.succeededFuture();
    }

    /** Adds a row that passes the filter to its cell. */
    private void add(Row row) {
      if (query.filter() != null && !query.filter().test(RowValues.of(row, schema))) {
        return;
      }
      Object group = query.groupsByKey() ? row.getString("key") : RowValues.get(row, schema, query.groupBy());
      Instant bucket = query.buckets().startOf(row.getInstant("timestamp"));
      Object value = query.attribute() == null ? null : RowValues.get(row, schema, query.attribute());
      aggregator.add(group, bucket, value);
    }

    /** Splits the partition's day at bucket boundaries and lets Cassandra aggregate each piece. */
    private Future<Void> aggregatePartition(String key, LocalDate day) {
      Instant from = later(day.atStartOfDay(ZoneOffset.UTC).toInstant(), query.start());
      Instant until = earlier(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), query.end().plusMillis(1));
      List<Future<?>> pieces = new ArrayList<>();
      while (from.isBefore(until)) {
        Instant bucket = query.buckets().startOf(from);
        Instant pieceEnd = earlier(query.buckets().next(bucket), until);
        pieces.add(cassandra.execute(statement.bind(key, day, from, pieceEnd))
            .map(rows -> {
              merge(key, bucket, rows.one());
              return null;
            }));
        from = pieceEnd;
      }
      return Future.all(pieces).mapEmpty();
    }

    private void merge(String key, Instant bucket, Row row) {
      long rowCount = row.getLong("row_count");
      rowsRead += rowCount;
      if (rowCount == 0) {
        return;
      }
      Cell cell = aggregator.cell(key, bucket);
      if (query.attribute() == null || query.attribute().equals("key")) {
        cell.merge(rowCount, rowCount, null, null, null);
        return;
      }
      if (!row.getColumnDefinitions().contains("sum_value")) {
        cell.merge(rowCount, row.getLong("value_count"), null, null, null);
        return;
      }
      Class<?> type = query.attributeType().javaType();
      cell.merge(rowCount, row.getLong("value_count"), row.get("min_value", type), row.get("max_value", type),
          row.getBigDecimal("sum_value"));
    }
  }

  /** A (key, day) partition of the data table. */
  private record PartitionRef(String key, LocalDate day) {
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
