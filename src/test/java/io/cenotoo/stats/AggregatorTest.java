package io.cenotoo.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.error.ApiException;
import io.cenotoo.schema.CollectionSchema;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The aggregator's bound on the bytes of group values and distinct values that one request holds. */
class AggregatorTest {

  private static final CollectionSchema SCHEMA = CollectionSchema.parse(new JsonObject(
      "{\"origin\": \"text\", \"photo\": \"text\", \"delay\": \"float\"}"));
  private static final Instant BUCKET = Instant.parse("2026-01-01T00:00:00Z");
  private static final String MEGABYTE = "x".repeat(1_000_000);

  private static Aggregator aggregator(JsonObject query) {
    return new Aggregator(StatsQuery.parse(new JsonObject().put("query", query), SCHEMA));
  }

  @Test
  void distinctLongTextsHoldTheirDigestsOnly() {
    Aggregator aggregator = aggregator(new JsonObject().put("stat", "distinct").put("attribute", "photo")
        .put("group_by", "origin"));

    for (int i = 0; i < 200; i++) {
      aggregator.add("ATL", BUCKET, MEGABYTE + (i % 150));
    }

    assertEquals(150L, aggregator.results().getJsonObject(0).getLong("distinct_photo"));
    assertTrue(aggregator.heldBytes() < 150 * 200, "held " + aggregator.heldBytes() + " bytes");
  }

  @Test
  void tooManyDistinctValuesFailWith422NamingAttribute() {
    Aggregator aggregator = aggregator(new JsonObject().put("stat", "distinct").put("attribute", "origin")
        .put("group_by", "key"));

    ApiException failure = assertThrows(ApiException.class, () -> {
      for (int i = 0; i < 2_000_000; i++) {
        aggregator.add("k", BUCKET, "origin-" + i);
      }
    });

    assertEquals(422, failure.status());
    assertEquals("attribute", failure.errors().get(0).field());
    assertTrue(aggregator.heldBytes() > Aggregator.MAX_HELD_BYTES);
    assertTrue(aggregator.heldBytes() < Aggregator.MAX_HELD_BYTES + 1_000);
  }

  @Test
  void largeGroupValuesFailWith422NamingGroupBy() {
    Aggregator aggregator = aggregator(new JsonObject().put("stat", "count").put("group_by", "photo"));

    ApiException failure = assertThrows(ApiException.class, () -> {
      for (int i = 0; i < 100; i++) {
        aggregator.add(MEGABYTE + i, BUCKET, null);
      }
    });

    assertEquals(422, failure.status());
    assertEquals("group_by", failure.errors().get(0).field());
  }

  @Test
  void manySmallGroupsStayWithinTheBound() {
    Aggregator aggregator = aggregator(new JsonObject().put("stat", "avg").put("attribute", "delay")
        .put("group_by", "origin"));

    for (int i = 0; i < Aggregator.MAX_CELLS; i++) {
      aggregator.add("airport-" + i, BUCKET, 1.5);
    }

    assertEquals(Aggregator.MAX_CELLS, aggregator.results().size());
  }
}
