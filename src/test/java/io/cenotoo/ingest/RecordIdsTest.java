package io.cenotoo.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;
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
}
