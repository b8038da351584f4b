package io.cenotoo.stats;

import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.cenotoo.schema.FieldType;
import io.cenotoo.schema.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistics per (group value, bucket start). Memory grows with the number of cells, at most
 * {@link #MAX_CELLS}, with their group values and, for {@code distinct}, the distinct values of each
 * cell. Those values may take at most {@link #MAX_HELD_BYTES} together.
 */
final class Aggregator {

  /** Most (group, bucket) cells one request may produce; more fail with 422. */
  static final int MAX_CELLS = 100_000;
  /**
   * Maximum bytes that the group values and distinct values of one request may take on the heap;
   * more fail with 422. By the estimated sizes, 64 MiB take 500,000 to 900,000 distinct numbers or short
   * texts, and a node with a 384 MiB heap, as the tests and the benchmark run it, still serves a few
   * such requests at once.
   */
  static final long MAX_HELD_BYTES = 64L * 1024 * 1024;
  /** A cell and its map entry with an empty distinct set, without the group value. */
  private static final long CELL_BYTES = 200;
  private static final DateTimeFormatter BUCKET_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

  private final StatsQuery query;
  private final Map<CellKey, Cell> cells = new HashMap<>();
  private long heldBytes;

  Aggregator(StatsQuery query) {
    this.query = query;
  }

  /** Adds one record's value, which may be null, to the cell of its group and bucket. */
  void add(Object group, Instant bucket, Object value) {
    long added = cell(group, bucket).add(value);
    if (added > 0) {
      hold(added, true);
    }
  }

  /** Returns the cell of a group and bucket, creating it. */
  Cell cell(Object group, Instant bucket) {
    Cell cell = cells.get(new CellKey(group, bucket));
    if (cell != null) {
      return cell;
    }
    if (cells.size() >= MAX_CELLS) {
      throw ApiException.invalid("The statistics would have more than " + MAX_CELLS + " groups times intervals.",
          List.of(new FieldError("interval", "Too many buckets; choose a longer interval, a shorter time range "
              + "or a group_by field with fewer values.")));
    }
    hold(CELL_BYTES + DistinctValues.heapBytes(group), false);
    cell = new Cell(query.stat() == Stat.DISTINCT);
    cells.put(new CellKey(group, bucket), cell);
    return cell;
  }

  /** Returns an estimate of the bytes that the group values and distinct values take now. */
  long heldBytes() {
    return heldBytes;
  }

  /** Counts bytes of a new distinct value or of a new cell's group value, and fails once they pass the bound. */
  private void hold(long bytes, boolean distinctValue) {
    heldBytes += bytes;
    if (heldBytes <= MAX_HELD_BYTES) {
      return;
    }
    long mebibytes = MAX_HELD_BYTES / (1024 * 1024);
    FieldError error = distinctValue
        ? new FieldError("attribute", "The distinct values of '" + query.attribute() + "' take more than " + mebibytes
            + " MiB; narrow start_time and end_time, or add filters.")
        : new FieldError("group_by", "The values of '" + query.groupBy() + "' take more than " + mebibytes
            + " MiB; group by a field with fewer or shorter values, or narrow start_time and end_time.");
    throw ApiException.invalid("The statistics would keep more than " + mebibytes + " MiB of values.", List.of(error));
  }

  /** Returns the output rows ordered by group then bucket, or by value when {@code order} is set, then limited. */
  JsonArray results() {
    List<Map.Entry<CellKey, Cell>> entries = new ArrayList<>(cells.entrySet());
    Comparator<Map.Entry<CellKey, Cell>> byGroup = Comparator.comparing(entry -> entry.getKey().group(), NULLS_LAST);
    entries.sort(byGroup.thenComparing(entry -> entry.getKey().bucket()));

    List<JsonObject> rows = new ArrayList<>(entries.size());
    for (Map.Entry<CellKey, Cell> entry : entries) {
      rows.add(new JsonObject()
          .put(query.groupBy(), json(entry.getKey().group()))
          .put("interval_start", BUCKET_FORMAT.format(entry.getKey().bucket().atZone(query.buckets().zone())))
          .put(query.outputField(), value(entry.getValue())));
    }
    if (query.descending() != null) {
      Comparator<Object> byValue = query.descending() ? NULLS_LAST_REVERSED : NULLS_LAST;
      rows.sort(Comparator.comparing(row -> row.getValue(query.outputField()), byValue));
    }
    int limit = query.limit() == null ? rows.size() : Math.min(query.limit(), rows.size());
    return new JsonArray(new ArrayList<>(rows.subList(0, limit)));
  }

  private Object value(Cell cell) {
    return switch (query.stat()) {
      case COUNT -> query.attribute() == null ? cell.rows : cell.values;
      case DISTINCT -> (long) cell.distinct.size();
      case MIN -> cell.min;
      case MAX -> cell.max;
      case SUM -> cell.values == 0 ? null : sum(cell.sum);
      case AVG -> cell.values == 0 ? null
          : cell.sum.divide(BigDecimal.valueOf(cell.values), MathContext.DECIMAL64).doubleValue();
    };
  }

  private Object sum(BigDecimal sum) {
    if (query.attributeType() == FieldType.INT && sum.toBigInteger().bitLength() < 64) {
      return sum.longValueExact();
    }
    return sum.doubleValue();
  }

  private static Object json(Object value) {
    if (value instanceof Instant instant) {
      return Timestamps.formatTimestamp(instant);
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    return value;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object left, Object right) {
    if (left instanceof Number a && right instanceof Number b) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    return ((Comparable) left).compareTo(right);
  }

  private static final Comparator<Object> NULLS_LAST = Comparator.nullsLast(Aggregator::compareValues);
  private static final Comparator<Object> NULLS_LAST_REVERSED =
      Comparator.nullsLast((left, right) -> compareValues(right, left));

  private record CellKey(Object group, Instant bucket) {
  }
}
