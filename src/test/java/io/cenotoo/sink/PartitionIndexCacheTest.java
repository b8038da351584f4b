package io.cenotoo.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PartitionIndexCacheTest {

  private static final LocalDate DAY = LocalDate.of(2024, 1, 1);

  private final AtomicLong now = new AtomicLong(1_000);
  private final PartitionIndexCache cache = new PartitionIndexCache(now::get);
  private final UUID collection = UUID.randomUUID();
  private final UUID other = UUID.randomUUID();

  @Test
  void addedRowHasItsClass() {
    assertEquals(-1, cache.sizeClass(collection, DAY, "a"));

    cache.add(collection, DAY, "a", 7, cache.epoch());

    assertEquals(7, cache.sizeClass(collection, DAY, "a"));
    assertEquals(-1, cache.sizeClass(collection, DAY, "b"));
    assertEquals(-1, cache.sizeClass(collection, DAY.plusDays(1), "a"));
    assertEquals(-1, cache.sizeClass(other, DAY, "a"));
  }

  @Test
  void invalidateDropsOnlyThatCollection() {
    cache.add(collection, DAY, "a", 7, cache.epoch());
    cache.add(other, DAY, "a", 7, cache.epoch());

    cache.invalidate(collection);

    assertEquals(-1, cache.sizeClass(collection, DAY, "a"));
    assertEquals(7, cache.sizeClass(other, DAY, "a"));
  }

  @Test
  void insertIssuedBeforeInvalidationIsNotRecorded() {
    long issued = cache.epoch();
    cache.invalidate(collection);

    cache.add(collection, DAY, "a", 7, issued);

    assertEquals(-1, cache.sizeClass(collection, DAY, "a"));
    cache.add(collection, DAY, "a", 7, cache.epoch());
    assertEquals(7, cache.sizeClass(collection, DAY, "a"));
  }

  @Test
  void entryExpiresAfterTtl() {
    cache.add(collection, DAY, "a", 7, cache.epoch());

    now.addAndGet(PartitionIndexCache.TTL_MILLIS - 1);
    assertEquals(7, cache.sizeClass(collection, DAY, "a"));
    now.addAndGet(1);
    assertEquals(-1, cache.sizeClass(collection, DAY, "a"));
    assertEquals(0, cache.size());
  }

  @Test
  void oldestEntryIsEvictedAtBound() {
    for (int i = 0; i <= PartitionIndexCache.MAX_ENTRIES; i++) {
      cache.add(collection, DAY, "k" + i, 7, cache.epoch());
    }

    assertEquals(PartitionIndexCache.MAX_ENTRIES, cache.size());
    assertEquals(-1, cache.sizeClass(collection, DAY, "k0"));
    assertEquals(7, cache.sizeClass(collection, DAY, "k1"));
    assertEquals(7, cache.sizeClass(collection, DAY, "k" + PartitionIndexCache.MAX_ENTRIES));
  }

  @Test
  void renewedEntryMovesToEndOfEviction() {
    cache.add(collection, DAY, "first", 7, cache.epoch());
    for (int i = 1; i < PartitionIndexCache.MAX_ENTRIES; i++) {
      cache.add(collection, DAY, "k" + i, 7, cache.epoch());
    }

    cache.add(collection, DAY, "first", 7, cache.epoch());
    cache.add(collection, DAY, "last", 7, cache.epoch());

    assertEquals(7, cache.sizeClass(collection, DAY, "first"));
    assertEquals(-1, cache.sizeClass(collection, DAY, "k1"));
  }

  @Test
  void rowKeepsItsLargestClass() {
    cache.add(collection, DAY, "a", 20, cache.epoch());
    cache.add(collection, DAY, "a", 7, cache.epoch());

    assertEquals(20, cache.sizeClass(collection, DAY, "a"));
  }
}
