package io.cenotoo.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The first {@code capacity} records by one sort value, kept in a bounded heap, so memory contains at
 * most {@code capacity} records however many are offered. Records without a value sort last in both
 * directions; equal values keep the order in which they were offered.
 */
final class TopRows<T> {

  private final int capacity;
  private final Comparator<Entry<T>> order;
  private final PriorityQueue<Entry<T>> heap;
  private long offered;
  private long heldBytes;

  TopRows(int capacity, boolean descending) {
    this.capacity = capacity;
    Comparator<Object> values = descending ? Comparator.nullsLast(TopRows::compareReversed)
        : Comparator.nullsLast(TopRows::compare);
    this.order = Comparator.<Entry<T>, Object>comparing(Entry::value, values).thenComparingLong(Entry::sequence);
    this.heap = new PriorityQueue<>(Math.max(1, capacity), order.reversed());
  }

  /** Offers a record with its sort value and its size in bytes, which only {@link #heldBytes} reads. */
  void offer(Object value, T record, long bytes) {
    long sequence = offered++;
    if (heap.size() == capacity) {
      if (capacity == 0 || order.compare(new Entry<>(value, sequence, null, 0), heap.peek()) >= 0) {
        return;
      }
      heldBytes -= heap.poll().bytes();
    }
    heap.add(new Entry<>(value, sequence, record, bytes));
    heldBytes += bytes;
  }

  /** Returns the sum of the sizes of the records kept now. */
  long heldBytes() {
    return heldBytes;
  }

  /** Returns how many records were offered. */
  long offered() {
    return offered;
  }

  /** Returns the kept records in order. */
  List<T> sorted() {
    List<Entry<T>> entries = new ArrayList<>(heap);
    entries.sort(order);
    return entries.stream().map(Entry::record).toList();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object left, Object right) {
    return ((Comparable) left).compareTo(right);
  }

  private static int compareReversed(Object left, Object right) {
    return compare(right, left);
  }

  private record Entry<T>(Object value, long sequence, T record, long bytes) {
  }
}
