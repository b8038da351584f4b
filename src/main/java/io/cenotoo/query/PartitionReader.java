package io.cenotoo.query;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.cenotoo.bus.ResolvedCollection;
import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.cenotoo.filter.RowValues;
import io.cenotoo.schema.Column;
import io.cenotoo.storage.Cql;
import io.cenotoo.storage.DataTables;
import io.cenotoo.storage.MetadataSchema;
import io.cenotoo.storage.RowSizes;
import io.vertx.cassandra.CassandraClient;
import io.vertx.cassandra.ResultSet;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads one page of get_data by walking the (day, key) partitions newest day first and keys in
 * order, restricted to the requested days. Without a key, or with a key over more than
 * {@link #MAX_DIRECT_DAYS} days, the partitions come from the partition index, which lists only
 * those holding data; with a key over fewer days the reader goes straight to that key's partition
 * of each day, which saves the index query. Each partition is read with driver paging, so memory
 * contains at most one driver page plus the page being built, however large the collection or the offset.
 *
 * <p>A record can take megabytes, so pages and driver fetches are bounded by bytes too: a page ends
 * early, with {@code has_more} and a cursor, once its rows take {@link #MAX_PAGE_BYTES}, and a fetch
 * from a collection with text or list columns requests about {@link #FETCH_BYTES} of rows as large
 * as the partition's size class in the index allows. Keyed reads of such collections therefore
 * read the key's index rows first.
 */
final class PartitionReader {

  static final int FETCH_SIZE = 500;
  /**
   * Stored bytes of the rows after which a page ends early. The page's rows, its JSON and the reply
   * are in memory at once, so this bounds a read's memory to a small multiple of it.
   */
  static final long MAX_PAGE_BYTES = 8L * 1024 * 1024;
  /** Stored bytes that one driver fetch should carry at most, judged by the largest row seen. */
  static final long FETCH_BYTES = 8L * 1024 * 1024;
  /**
   * Maximum rows of one fetch from a partition whose index row has no size classes, written before
   * the sink recorded them, in a collection whose rows may be large (text or list columns). The
   * size of earlier rows does not predict the next ones, so such a fetch contains at most this many
   * rows of up to MAX_RECORD_BYTES. It is the default limit plus one, so a default page still takes
   * one fetch.
   */
  static final int LARGE_FETCH_SIZE = 101;
  /** Size class of a partition whose index row has no size classes. */
  static final int UNKNOWN_SIZE_CLASS = -1;
  /**
   * Stored bytes of the rows that order_by may hold while it sorts. A read that needs more fails
   * with 422, because the records beyond the page cannot be left for a cursor.
   */
  static final long MAX_SORT_BYTES = 32L * 1024 * 1024;
  /**
   * Maximum days a keyed read visits directly. Each day costs one query even when it contains no data,
   * so over longer ranges the index, which lists only the days with data, needs fewer queries.
   */
  static final int MAX_DIRECT_DAYS = 31;

  private final CassandraClient cassandra;
  private final String dataKeyspace;
  private final PreparedStatement indexByDays;
  private final PreparedStatement indexOfKey;
  private final Map<UUID, Future<Statements>> statements = new HashMap<>();
  /** The largest row's stored bytes in the last page read from each collection. */
  private final Map<UUID, Long> largestRows = new HashMap<>();

  private PartitionReader(CassandraClient cassandra, String dataKeyspace, PreparedStatement indexByDays,
      PreparedStatement indexOfKey) {
    this.cassandra = cassandra;
    this.dataKeyspace = dataKeyspace;
    this.indexByDays = indexByDays;
    this.indexOfKey = indexOfKey;
  }

  static Future<PartitionReader> create(CassandraClient cassandra, String dataKeyspace, String metadataKeyspace) {
    Future<PreparedStatement> byDays = cassandra.prepare(MetadataSchema.selectPartitionsWithSizesByDays(metadataKeyspace));
    Future<PreparedStatement> ofKey = cassandra.prepare(MetadataSchema.selectKeyPartitionsWithSizes(metadataKeyspace));
    return Future.all(byDays, ofKey)
        .map(prepared -> new PartitionReader(cassandra, dataKeyspace, byDays.result(), ofKey.result()));
  }

  /**
   * The page and what the client needs to continue. The rows stay in the driver's form until the
   * page is encoded, which writes each one with {@code encoder}.
   */
  record Page(List<Row> rows, RowEncoder encoder, boolean hasMore, PageCursor next, Long totalCount) {
  }

  /**
   * Reads one page. With {@code include_total} and a total that the page itself does not reveal, a
   * second walk counts every match without decoding it, which costs a read of every matching row.
   */
  Future<Page> read(ResolvedCollection collection, DataQuery query) {
    return walk(collection, query, false).compose(page -> {
      if (!query.includeTotal() || page.totalCount() != null) {
        return Future.succeededFuture(page);
      }
      return walk(collection, query.fromStart(), true)
          .map(count -> new Page(page.rows(), page.encoder(), page.hasMore(), page.next(), count.totalCount()));
    });
  }

  private Future<Page> walk(ResolvedCollection collection, DataQuery query, boolean counting) {
    return statementsFor(collection).compose(prepared -> {
      Walk walk = new Walk(collection, query, prepared, counting, largestRows.get(collection.collectionId()));
      LocalDate firstDay = LocalDate.ofInstant(query.start(), ZoneOffset.UTC);
      LocalDate lastDay = LocalDate.ofInstant(query.end(), ZoneOffset.UTC);
      if (query.cursor() != null && query.cursor().day().isBefore(lastDay)) {
        lastDay = query.cursor().day();
      }
      if (query.key() != null && ChronoUnit.DAYS.between(firstDay, lastDay) < MAX_DIRECT_DAYS) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = lastDay; !day.isBefore(firstDay); day = day.minusDays(1)) {
          days.add(day);
        }
        return keyPartitions(collection, query.key(), days)
            .compose(partitions -> walk.walkPartitions(partitions, 0))
            .map(v -> finish(walk));
      }
      Statement<?> index = indexByDays.bind(collection.collectionId(), firstDay, lastDay).setPageSize(FETCH_SIZE);
      return cassandra.execute(index).compose(walk::walkIndex).map(v -> finish(walk));
    });
  }

  /**
   * Returns the key's partition of each day, newest first. Over a collection whose rows may be
   * large they carry the size classes of the key's index rows. A day without an index row has no
   * rows of {@link MetadataSchema#ORDERED_SIZE_CLASS} or more, because the sink writes the index row
   * before such rows.
   */
  private Future<List<Partition>> keyPartitions(ResolvedCollection collection, String key, List<LocalDate> days) {
    if (!mayBeLarge(collection)) {
      return Future.succeededFuture(days.stream().map(day -> new Partition(day, key, UNKNOWN_SIZE_CLASS)).toList());
    }
    return cassandra.executeWithFullFetch(indexOfKey.bind(collection.collectionId(), days, key)).map(rows -> {
      Map<LocalDate, Integer> classes = new HashMap<>();
      rows.forEach(row -> classes.put(row.getLocalDate("day"), sizeClass(row)));
      return days.stream()
          .map(day -> new Partition(day, key, classes.getOrDefault(day, MetadataSchema.ORDERED_SIZE_CLASS - 1)))
          .toList();
    });
  }

  /** Returns the largest size class of an index row, or {@link #UNKNOWN_SIZE_CLASS} when it has none. */
  private static int sizeClass(Row indexRow) {
    Set<Integer> classes = indexRow.getSet("size_classes", Integer.class);
    return classes == null || classes.isEmpty() ? UNKNOWN_SIZE_CLASS : Collections.max(classes);
  }

  private static boolean mayBeLarge(ResolvedCollection collection) {
    return collection.schema().columns().stream().anyMatch(RowSizes::mayBeLarge);
  }

  /** Returns the walk's page and remembers the size of its largest row for the collection's next fetches. */
  private Page finish(Walk walk) {
    if (walk.largestRow > 0) {
      largestRows.put(walk.collection.collectionId(), walk.largestRow);
    }
    return walk.page();
  }

  /** Forgets a collection's prepared statements and row size, for example after it was deleted. */
  void forget(UUID collectionId) {
    statements.remove(collectionId);
    largestRows.remove(collectionId);
  }


  private Future<Statements> statementsFor(ResolvedCollection collection) {
    return statements.computeIfAbsent(collection.collectionId(), id -> {
      StringBuilder select = new StringBuilder("SELECT key, day, timestamp, record_id");
      for (Column column : collection.schema().columns()) {
        select.append(", ").append(Cql.quote(column.name()));
      }
      select.append(" FROM ").append(DataTables.qualified(dataKeyspace, id)).append(" WHERE key = ? AND day = ?");
      Future<PreparedStatement> range = cassandra.prepare(select + " AND timestamp >= ? AND timestamp <= ?");
      Future<PreparedStatement> after = cassandra.prepare(select + " AND (timestamp, record_id) < (?, ?)");
      return Future.all(range, after).map(done -> new Statements(range.result(), after.result()))
          .onFailure(failure -> statements.remove(id));
    });
  }

  private record Statements(PreparedStatement range, PreparedStatement after) {
  }

  /** A (day, key) partition and the largest size class of its index row, or {@link #UNKNOWN_SIZE_CLASS}. */
  private record Partition(LocalDate day, String key, int sizeClass) {
  }

  /**
   * Returns the rows of one driver fetch: those {@code needed}, at most {@link #FETCH_SIZE}, and
   * about {@link #FETCH_BYTES} of rows. When the rows {@code mayBeLarge}, the partition's
   * {@code sizeClass} bounds their size, and without one the fetch takes at most
   * {@link #LARGE_FETCH_SIZE} rows as large as the {@code largest} seen (stored bytes, 0 when none
   * was seen).
   */
  static int fetchRows(long needed, int sizeClass, long largest, boolean mayBeLarge) {
    long fetch = Math.min(FETCH_SIZE, needed);
    if (mayBeLarge && sizeClass != UNKNOWN_SIZE_CLASS) {
      return (int) Math.min(fetch, Math.max(1, FETCH_BYTES >> sizeClass));
    }
    if (mayBeLarge) {
      fetch = Math.min(fetch, LARGE_FETCH_SIZE);
    }
    if (largest > 0) {
      fetch = Math.min(fetch, Math.max(1, FETCH_BYTES / largest));
    }
    return (int) fetch;
  }

  /** The state of one page read: rows still to skip, rows collected, and the last position. */
  private final class Walk {

    private final ResolvedCollection collection;
    private final DataQuery query;
    private final Statements prepared;
    private final List<Row> rows = new ArrayList<>();
    private final TopRows<Row> top;
    /** The largest row's stored bytes seen by an earlier read of the collection, or null. */
    private final Long knownLargestRow;
    private long largestRow;
    private long pageBytes;
    private int toSkip;
    private boolean hasMore;
    /** The last row of the page, where the next page's cursor starts. */
    private Row lastRow;
    private final RowEncoder encoder;
    /** Whether this walk only counts matches, for include_total. */
    private final boolean counting;
    private long counted;

    Walk(ResolvedCollection collection, DataQuery query, Statements prepared, boolean counting, Long knownLargestRow) {
      this.counting = counting;
      this.knownLargestRow = knownLargestRow;
      this.collection = collection;
      this.query = query;
      this.prepared = prepared;
      this.toSkip = query.offset();
      this.encoder = new RowEncoder(query.columns(), collection.schema().columns(), query.nested());
      this.top = query.orderBy() == null ? null
          : new TopRows<>(query.offset() + query.limit(), query.orderBy().descending());
    }

    Page page() {
      if (counting) {
        return new Page(List.of(), encoder, false, null, counted);
      }
      if (top != null) {
        return orderedPage();
      }
      Long total = hasMore || query.cursor() != null ? null : (long) (query.offset() - toSkip + rows.size());
      return new Page(rows, encoder, hasMore, hasMore ? cursorAfter(lastRow) : null, total);
    }

    private PageCursor cursorAfter(Row row) {
      return new PageCursor(row.getLocalDate(RowEncoder.DAY), row.getString(RowEncoder.KEY),
          row.getInstant(RowEncoder.TIMESTAMP), row.getUuid(RowEncoder.RECORD_ID), query.fingerprint());
    }

    /** With order_by every matching record was offered, so the total is known on every page. */
    private Page orderedPage() {
      List<Row> kept = top.sorted();
      List<Row> page = kept.size() <= query.offset() ? List.of() : kept.subList(query.offset(), kept.size());
      boolean more = top.offered() > (long) query.offset() + query.limit();
      return new Page(page, encoder, more, null, top.offered());
    }

    private boolean done() {
      return hasMore;
    }

    Future<Void> walkIndex(ResultSet index) {
      List<Partition> partitions = new ArrayList<>();
      index.currentPage().forEach(row -> partitions.add(new Partition(row.getLocalDate("day"), row.getString("key"),
          sizeClass(row))));
      return walkPartitions(partitions, 0).compose(v -> {
        if (done() || !index.hasMorePages()) {
          return Future.succeededFuture();
        }
        return index.fetchNextPage().compose(this::walkIndex);
      });
    }

    Future<Void> walkPartitions(List<Partition> partitions, int from) {
      for (int i = from; i < partitions.size() && !done(); i++) {
        Partition partition = partitions.get(i);
        if (skipPartition(partition.day(), partition.key())) {
          continue;
        }
        int next = i + 1;
        return readPartition(partition).compose(v -> walkPartitions(partitions, next));
      }
      return Future.succeededFuture();
    }

    private boolean skipPartition(LocalDate day, String key) {
      if (query.key() != null && !query.key().equals(key)) {
        return true;
      }
      PageCursor cursor = query.cursor();
      return cursor != null && day.equals(cursor.day()) && key.compareTo(cursor.key()) < 0;
    }

    private Future<Void> readPartition(Partition partition) {
      LocalDate day = partition.day();
      String key = partition.key();
      PageCursor cursor = query.cursor();
      Statement<?> statement;
      if (cursor != null && day.equals(cursor.day()) && key.equals(cursor.key())) {
        statement = prepared.after().bind(key, day, cursor.timestamp(), cursor.recordId());
      } else {
        statement = prepared.range().bind(key, day, query.start(), query.end());
      }
      return cassandra.execute(statement.setPageSize(pageSize(partition.sizeClass()))).compose(this::consume);
    }

    /**
     * Rows to fetch per driver page: those still to skip, those still missing from the page, and one
     * more that shows whether more records follow, at most {@link #FETCH_SIZE}. A small limit then
     * reads a few rows instead of a whole 500-row driver page.
     */
    private int pageSize(int sizeClass) {
      long needed = counting ? FETCH_SIZE : (long) toSkip + (query.limit() - rows.size()) + 1;
      long largest = Math.max(largestRow, knownLargestRow == null ? 0 : knownLargestRow);
      return fetchRows(needed, sizeClass, largest, mayBeLarge(collection));
    }

    private Future<Void> consume(ResultSet rows) {
      for (Row row : rows.currentPage()) {
        if (!accept(row)) {
          return Future.succeededFuture();
        }
      }
      return rows.hasMorePages() ? rows.fetchNextPage().compose(this::consume) : Future.succeededFuture();
    }

    /** Takes one row in order; returns false once the walk can stop. */
    private boolean accept(Row row) {
      if (row.getInstant(RowEncoder.TIMESTAMP).isBefore(query.start())) {
        return false;
      }
      if (query.filter() != null && !query.filter().test(RowValues.of(row, collection.schema()))) {
        return true;
      }
      if (counting) {
        counted++;
        return true;
      }
      if (top != null) {
        offerSorted(row);
        return true;
      }
      if (rows.size() == query.limit() || pageBytes >= MAX_PAGE_BYTES) {
        hasMore = true;
        return false;
      }
      if (toSkip > 0) {
        toSkip--;
        return true;
      }
      long bytes = RowSizes.storedBytes(row);
      largestRow = Math.max(largestRow, bytes);
      pageBytes += bytes;
      rows.add(row);
      lastRow = row;
      return true;
    }

    private void offerSorted(Row row) {
      long bytes = RowSizes.storedBytes(row);
      largestRow = Math.max(largestRow, bytes);
      top.offer(RowValues.get(row, collection.schema(), query.orderBy().property()), row, bytes);
      if (top.heldBytes() > MAX_SORT_BYTES) {
        throw ApiException.invalid("order_by sorts offset + limit records in memory, and these records take more than "
            + MAX_SORT_BYTES + " bytes.", List.of(new FieldError("limit", "Lower offset + limit (now "
            + ((long) query.offset() + query.limit()) + "), or narrow the time range or the filters.")));
      }
    }
  }
}
