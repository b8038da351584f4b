package io.cenotoo.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void addedRowIsContained() {
    assertFalse(cache.contains(collection, DAY, "a"));

    cache.add(collection, DAY, "a", cache.epoch());

    assertTrue(cache.contains(collection, DAY, "a"));
    assertFalse(cache.contains(collection, DAY, "b"));
    assertFalse(cache.contains(collection, DAY.plusDays(1), "a"));
    assertFalse(cache.contains(other, DAY, "a"));
  }

  @Test
  void invalidateDropsOnlyThatCollection() {
    cache.add(collection, DAY, "a", cache.epoch());
    cache.add(other, DAY, "a", cache.epoch());

    cache.invalidate(collection);

    assertFalse(cache.contains(collection, DAY, "a"));
    assertTrue(cache.contains(other, DAY, "a"));
  }

  @Test
  void insertIssuedBeforeInvalidationIsNotRecorded() {
    long issued = cache.epoch();
    cache.invalidate(collection);

    cache.add(collection, DAY, "a", issued);

    assertFalse(cache.contains(collection, DAY, "a"));
    cache.add(collection, DAY, "a", cache.epoch());
    assertTrue(cache.contains(collection, DAY, "a"));
  }

  @Test
  void entryExpiresAfterTtl() {
    cache.add(collection, DAY, "a", cache.epoch());

    now.addAndGet(PartitionIndexCache.TTL_MILLIS - 1);
    assertTrue(cache.contains(collection, DAY, "a"));
    now.addAndGet(1);
    assertFalse(cache.contains(collection, DAY, "a"));
    assertEquals(0, cache.size());
  }

  @Test
  void oldestEntryIsEvictedAtBound() {
    for (int i = 0; i <= PartitionIndexCache.MAX_ENTRIES; i++) {
      cache.add(collection, DAY, "k" + i, cache.epoch());
    }

    assertEquals(PartitionIndexCache.MAX_ENTRIES, cache.size());
    assertFalse(cache.contains(collection, DAY, "k0"));
    assertTrue(cache.contains(collection, DAY, "k1"));
    assertTrue(cache.contains(collection, DAY, "k" + PartitionIndexCache.MAX_ENTRIES));
  }

  @Test
  void renewedEntryMovesToEndOfEviction() {
    cache.add(collection, DAY, "first", cache.epoch());
    for (int i = 1; i < PartitionIndexCache.MAX_ENTRIES; i++) {
      cache.add(collection, DAY, "k" + i, cache.epoch());
    }

    cache.add(collection, DAY, "first", cache.epoch());
    cache.add(collection, DAY, "last", cache.epoch());

    assertTrue(cache.contains(collection, DAY, "first"));
    assertFalse(cache.contains(collection, DAY, "k1"));
  }
}
