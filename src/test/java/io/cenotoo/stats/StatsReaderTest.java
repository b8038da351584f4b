package io.cenotoo.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.Column;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The columns that a streamed statistics read selects besides key and timestamp, its fetch sizes and its choice to scan. */
class StatsReaderTest {

  private static final CollectionSchema SCHEMA = CollectionSchema.parse(new JsonObject(
      "{\"delay\": \"float\", \"origin\": \"text\", \"distance\": \"int\", \"photo\": \"text\", \"tags\": [\"text\"]}"));

  private static List<String> selected(JsonObject query) {
    StatsQuery parsed = StatsQuery.parse(new JsonObject().put("query", query), SCHEMA);
    return StatsReader.selectedColumns(SCHEMA, parsed).stream().map(Column::name).toList();
  }

  @Test
  void readsAttributeGroupAndFilteredFields() {
    JsonObject query = new JsonObject().put("stat", "avg").put("attribute", "delay").put("group_by", "origin")
        .put("filters", "[{\"property_name\": \"distance\", \"operator\": \"gt\", \"property_value\": 100},"
            + " {\"operator\": \"or\", \"operands\": [{\"property_name\": \"tags\", \"operator\": \"contains\","
            + " \"property_value\": \"x\"}, {\"property_name\": \"key\", \"operator\": \"eq\", \"property_value\": \"k\"}]}]");

    assertEquals(List.of("delay", "origin", "distance", "tags"), selected(query));
  }

  @Test
  void countByKeyReadsNoField() {
    assertEquals(List.of(), selected(new JsonObject().put("stat", "count").put("group_by", "key")));
  }

  @Test
  void fetchesFollowThePartitionsSizeClasses() {
    assertEquals(StatsReader.FETCH_SIZE, StatsReader.fetchRows(Set.of(20), 0, false));
    assertEquals(StatsReader.FETCH_SIZE, StatsReader.fetchRows(Set.of(6), 0, true));
    // 16 MiB over 8 partitions in flight is 2 MiB per fetch: two rows of up to 1 MiB.
    assertEquals(2, StatsReader.fetchRows(Set.of(6, 20), 100, true));
    assertEquals(1, StatsReader.fetchRows(Set.of(22), 0, true));
  }

  @Test
  void scanIsCheaperForManySmallPartitions() {
    // The flights: 250 of 6,901 partitions read, 2.9 rows each, 6,651 left.
    assertTrue(StatsReader.scanIsCheaper(250, 725, 6_901, 6_651));
    // 500 rows per partition: the table is 3.5 million rows.
    assertFalse(StatsReader.scanIsCheaper(1_000, 500_000, 6_901, 5_901));
    // A month of a year of small partitions: the scan would read twelve times the range.
    assertFalse(StatsReader.scanIsCheaper(1_000, 3_000, 36_500, 2_000));
    assertFalse(StatsReader.scanIsCheaper(1_000, 2_900, 6_901, 0));
    assertFalse(StatsReader.scanIsCheaper(0, 0, 6_901, 6_901));
  }

  @Test
  void partitionsWithoutClassesFollowTheRowsSeen() {
    assertEquals(StatsReader.FIRST_FETCH_SIZE, StatsReader.fetchRows(Set.of(), 0, true));
    assertEquals(StatsReader.FETCH_SIZE, StatsReader.fetchRows(Set.of(), 100, true));
    assertEquals(2, StatsReader.fetchRows(Set.of(), 1_000_000, true));
  }
}
