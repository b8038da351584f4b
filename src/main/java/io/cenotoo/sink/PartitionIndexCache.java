package io.cenotoo.sink;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The partition-index rows (collection_id, day, key) that this sink wrote, with the largest size
 * class it added to each, so that it writes each row once and not once per poll, and again only
 * when a larger row arrives. Bounded to {@link #MAX_ENTRIES}, oldest entry first out, and each
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
  private final Map<IndexRow, Entry> entries = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<IndexRow, Entry> eldest) {
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

  /** Returns the largest size class written to the row, or -1 when the row is not known to exist. */
  int sizeClass(UUID collectionId, LocalDate day, String key) {
    IndexRow row = new IndexRow(collectionId, day, key);
    Entry entry = entries.get(row);
    if (entry == null) {
      return -1;
    }
    if (entry.expiry() <= clockMillis.getAsLong()) {
      entries.remove(row);
      return -1;
    }
    return entry.sizeClass();
  }

  /**
   * Records a succeeded write of the row with this size class, unless an invalidation happened
   * since {@code writeEpoch}.
   */
  void add(UUID collectionId, LocalDate day, String key, int sizeClass, long writeEpoch) {
    if (writeEpoch != epoch) {
      return;
    }
    IndexRow row = new IndexRow(collectionId, day, key);
    // Removing first moves a renewed entry to the end of the eviction order. A renewed row keeps
    // the larger class, because the write added its class to those already in the row.
    Entry old = entries.remove(row);
    int largest = old == null ? sizeClass : Math.max(sizeClass, old.sizeClass());
    entries.put(row, new Entry(clockMillis.getAsLong() + TTL_MILLIS, largest));
  }

  /** Drops every entry of a collection. Linear in the cache size, which is fine for deletes. */
  void invalidate(UUID collectionId) {
    epoch++;
    entries.keySet().removeIf(row -> row.collectionId().equals(collectionId));
  }

  int size() {
    return entries.size();
  }

  private record IndexRow(UUID collectionId, LocalDate day, String key) {
  }

  private record Entry(long expiry, int sizeClass) {
  }
}
