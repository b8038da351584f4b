package io.cenotoo.stats;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/**
 * Running statistics of one group in one bucket. Sums are exact: each double enters as
 * {@code BigDecimal.valueOf}, the shortest decimal that reads back as that double, so ten values of
 * 358.84 sum to exactly 3588.40. Distinct values are kept only when the stat is distinct.
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

  /** Adds one record's value; null counts as a record without a value. */
  @SuppressWarnings("unchecked")
  void add(Object value) {
    rows++;
    if (value == null) {
      return;
    }
    values++;
    if (distinct != null) {
      distinct.add(value);
    }
    if (value instanceof Long number) {
      sum = sum.add(BigDecimal.valueOf(number));
    } else if (value instanceof Double number) {
      sum = sum.add(BigDecimal.valueOf(number));
    }
    if (value instanceof Comparable<?>) {
      Comparable<Object> comparable = (Comparable<Object>) value;
      if (min == null || comparable.compareTo(min) < 0) {
        min = comparable;
      }
      if (max == null || comparable.compareTo(max) > 0) {
        max = comparable;
      }
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
