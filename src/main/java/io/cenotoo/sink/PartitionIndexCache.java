package io.cenotoo.sink;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The partition-index rows (collection_id, day, key) that this sink inserted, so that it inserts each
 * one once and not once per poll. Bounded to {@link #MAX_ENTRIES}, oldest entry first out, and each
 * entry expires {@link #TTL_MILLIS} after its insert. Use from one event loop.
 *
 * <p>An entry is only a hint that the row exists: delete_data and collection deletion remove index
 * rows, and their events call {@link #invalidate}. The TTL bounds how long a lost event can keep an
 * emptied partition's new rows out of the index. Each invalidation also advances an epoch, and an
 * insert that was issued in an earlier epoch is not recorded, because a delete may have removed its
 * row after it was written.
 */
final class PartitionIndexCache {

  /** About 200 bytes each (estimate), so the cache stays near 10 MB. */
  static final int MAX_ENTRIES = 50_000;
  static final long TTL_MILLIS = 60_000;

  private final LongSupplier clockMillis;
  private final Map<IndexRow, Long> expiries = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<IndexRow, Long> eldest) {
      return size() > MAX_ENTRIES;
    }
  };
  private long epoch;

  PartitionIndexCache() {
    this(System::currentTimeMillis);
  }

  /** Takes the clock in milliseconds, for tests. */
  PartitionIndexCache(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
  }

  /** Returns the current epoch, to pass to {@link #add} once the insert issued now succeeded. */
  long epoch() {
    return epoch;
  }

  boolean contains(UUID collectionId, LocalDate day, String key) {
    IndexRow row = new IndexRow(collectionId, day, key);
    Long expiry = expiries.get(row);
    if (expiry == null) {
      return false;
    }
    if (expiry <= clockMillis.getAsLong()) {
      expiries.remove(row);
      return false;
    }
    return true;
  }

  /** Records a succeeded insert, unless an invalidation happened since {@code insertEpoch}. */
  void add(UUID collectionId, LocalDate day, String key, long insertEpoch) {
    if (insertEpoch != epoch) {
      return;
    }
    IndexRow row = new IndexRow(collectionId, day, key);
    // Removing first moves a renewed entry to the end of the eviction order.
    expiries.remove(row);
    expiries.put(row, clockMillis.getAsLong() + TTL_MILLIS);
  }

  /** Drops every entry of a collection. Linear in the cache size, which is fine for deletes. */
  void invalidate(UUID collectionId) {
    epoch++;
    expiries.keySet().removeIf(row -> row.collectionId().equals(collectionId));
  }

  int size() {
    return expiries.size();
  }

  private record IndexRow(UUID collectionId, LocalDate day, String key) {
  }
}
