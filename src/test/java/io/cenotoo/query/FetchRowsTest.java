package io.cenotoo.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How many rows one driver fetch of get_data requests. */
class FetchRowsTest {

  @Test
  void numbersFetchWhatThePageNeeds() {
    assertEquals(11, PartitionReader.fetchRows(11, 0, false));
    assertEquals(PartitionReader.FETCH_SIZE, PartitionReader.fetchRows(10_000, 0, false));
    assertEquals(PartitionReader.FETCH_SIZE, PartitionReader.fetchRows(10_000, 40, false));
  }

  @Test
  void textStaysCappedAfterSmallRows() {
    // A count over a text collection whose rows read so far took 200 bytes may still meet rows of 1 MB.
    assertEquals(PartitionReader.LARGE_FETCH_SIZE, PartitionReader.fetchRows(PartitionReader.FETCH_SIZE, 200, true));
    assertEquals(PartitionReader.LARGE_FETCH_SIZE, PartitionReader.fetchRows(PartitionReader.FETCH_SIZE, 0, true));
    assertEquals(5, PartitionReader.fetchRows(5, 200, true));
  }

  @Test
  void largeRowsFetchAboutEightMebibytes() {
    assertEquals(8, PartitionReader.fetchRows(101, 1_000_000, true));
    assertEquals(1, PartitionReader.fetchRows(101, 20_000_000, true));
  }
}
