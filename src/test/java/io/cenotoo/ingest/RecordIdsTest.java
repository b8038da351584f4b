package io.cenotoo.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class RecordIdsTest {

  private static final UUID COLLECTION = UUID.fromString("3f2b8c1e-0000-4000-8000-000000000000");

  @Test
  void derivedIdsRepeatForSameInputs() {
    assertEquals(RecordIds.derived(COLLECTION, "retry-1", 0), RecordIds.derived(COLLECTION, "retry-1", 0));
  }

  @Test
  void derivedIdsDifferByIndexKeyAndCollection() {
    UUID id = RecordIds.derived(COLLECTION, "retry-1", 0);
    assertNotEquals(id, RecordIds.derived(COLLECTION, "retry-1", 1));
    assertNotEquals(id, RecordIds.derived(COLLECTION, "retry-2", 0));
    assertNotEquals(id, RecordIds.derived(UUID.randomUUID(), "retry-1", 0));
  }

  @Test
  void derivedIdsHaveVersion5Layout() {
    UUID id = RecordIds.derived(COLLECTION, "retry-1", 7);
    assertEquals(5, id.version());
    assertEquals(2, id.variant());
  }

  @Test
  void freshIdsCarryTimeAndDiffer() {
    long before = System.currentTimeMillis();
    IntFunction<UUID> ids = RecordIds.fresh();
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      UUID id = ids.apply(i);
      assertEquals(7, id.version());
      assertEquals(2, id.variant());
      long millis = id.getMostSignificantBits() >>> 16;
      assertTrue(millis >= before, "id time " + millis + " is before the test began");
      assertTrue(millis <= System.currentTimeMillis(), "id time " + millis + " is in the future");
      assertTrue(seen.add(id), "id " + id + " repeated");
    }
  }

  @Test
  void secondSourceGivesNewIds() {
    UUID first = RecordIds.fresh().apply(0);
    assertNotEquals(first, RecordIds.fresh().apply(0));
  }
}
