package io.cenotoo.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How many rows one driver fetch of get_data requests. */
class FetchRowsTest {

  private static final int UNKNOWN = PartitionReader.UNKNOWN_SIZE_CLASS;

  @Test
  void numbersFetchWhatThePageNeeds() {
    assertEquals(11, PartitionReader.fetchRows(11, UNKNOWN, 0, false));
    assertEquals(PartitionReader.FETCH_SIZE, PartitionReader.fetchRows(10_000, UNKNOWN, 0, false));
    assertEquals(PartitionReader.FETCH_SIZE, PartitionReader.fetchRows(10_000, UNKNOWN, 40, false));
  }

  @Test
  void sizeClassBoundsTextFetches() {
    // Class 20 allows rows of up to 1 MiB, class 8 rows of up to 256 bytes.
    assertEquals(8, PartitionReader.fetchRows(PartitionReader.FETCH_SIZE, 20, 200, true));
    assertEquals(1, PartitionReader.fetchRows(PartitionReader.FETCH_SIZE, 24, 0, true));
    assertEquals(PartitionReader.FETCH_SIZE, PartitionReader.fetchRows(10_000, 8, 0, true));
    assertEquals(5, PartitionReader.fetchRows(5, 20, 0, true));
  }

  @Test
  void textWithoutClassStaysCapped() {
    // A count over a text collection whose rows read so far took 200 bytes may still meet rows of 1 MB.
    assertEquals(PartitionReader.LARGE_FETCH_SIZE, PartitionReader.fetchRows(PartitionReader.FETCH_SIZE, UNKNOWN, 200, true));
    assertEquals(PartitionReader.LARGE_FETCH_SIZE, PartitionReader.fetchRows(PartitionReader.FETCH_SIZE, UNKNOWN, 0, true));
    assertEquals(5, PartitionReader.fetchRows(5, UNKNOWN, 200, true));
  }

  @Test
  void largeRowsFetchAboutEightMebibytes() {
    assertEquals(8, PartitionReader.fetchRows(101, UNKNOWN, 1_000_000, true));
    assertEquals(1, PartitionReader.fetchRows(101, UNKNOWN, 20_000_000, true));
  }
}
