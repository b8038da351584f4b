package io.cenotoo.stats;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/**
 * Running statistics of one group in one bucket. Sums are exact: each double enters as
 * {@code BigDecimal.valueOf}, the shortest decimal that reads back as that double, so ten values of
 * 358.84 sum to exactly 3588.40. Distinct values are kept only when the stat is distinct, long
 * texts as digests ({@link DistinctValues}). Only numbers have a sum, a minimum and a maximum,
 * because only int and float fields take those stats, and a cell then keeps no text of a record.
 */
final class Cell {

  long rows;
  long values;
  BigDecimal sum = BigDecimal.ZERO;
  Comparable<Object> min;
  Comparable<Object> max;
  final Set<Object> distinct;

  Cell(boolean keepDistinct) {
    this.distinct = keepDistinct ? new HashSet<>() : null;
  }

  /**
   * Adds one record's value; null counts as a record without a value. Returns an estimate of the
   * bytes that the cell keeps for it: those of a new distinct value, or 0.
   */
  long add(Object value) {
    rows++;
    if (value == null) {
      return 0;
    }
    values++;
    if (value instanceof Long number) {
      sum = sum.add(BigDecimal.valueOf(number));
      extremes(number);
    } else if (value instanceof Double number) {
      sum = sum.add(BigDecimal.valueOf(number));
      extremes(number);
    }
    if (distinct != null) {
      Object key = DistinctValues.key(value);
      if (distinct.add(key)) {
        return DistinctValues.ENTRY_BYTES + DistinctValues.heapBytes(key);
      }
    }
    return 0;
  }

  @SuppressWarnings("unchecked")
  private void extremes(Number number) {
    Comparable<Object> comparable = (Comparable<Object>) (Object) number;
    if (min == null || comparable.compareTo(min) < 0) {
      min = comparable;
    }
    if (max == null || comparable.compareTo(max) > 0) {
      max = comparable;
    }
  }

  /** Adds statistics that Cassandra computed over a range of one partition. */
  @SuppressWarnings("unchecked")
  void merge(long rowCount, long valueCount, Object minimum, Object maximum, BigDecimal total) {
    rows += rowCount;
    values += valueCount;
    if (total != null) {
      sum = sum.add(total);
    }
    if (minimum != null && (min == null || ((Comparable<Object>) minimum).compareTo(min) < 0)) {
      min = (Comparable<Object>) minimum;
    }
    if (maximum != null && (max == null || ((Comparable<Object>) maximum).compareTo(max) > 0)) {
      max = (Comparable<Object>) maximum;
    }
  }
}
