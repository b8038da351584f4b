package io.cenotoo.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class CellTest {

  @Test
  void sumOfTenDecimalsIsExact() {
    Cell cell = new Cell(false);
    for (int i = 0; i < 10; i++) {
      cell.add(358.84);
    }
    assertEquals(new BigDecimal("3588.40"), cell.sum);
    assertEquals(358.84, cell.sum.divide(BigDecimal.valueOf(cell.values), MathContext.DECIMAL64).doubleValue(), 0.0);
  }

  @Test
  void nullsCountAsRecordsWithoutValues() {
    Cell cell = new Cell(true);
    cell.add(2L);
    cell.add(null);
    cell.add(2L);
    cell.add(-5L);
    assertEquals(4, cell.rows);
    assertEquals(3, cell.values);
    assertEquals(2, cell.distinct.size());
    assertEquals(-5L, cell.min);
    assertEquals(2L, cell.max);
  }

  @Test
  void mergeKeepsExtremesAndSums() {
    Cell cell = new Cell(false);
    cell.add(1.5);
    cell.merge(3, 2, 0.5, 9.0, new BigDecimal("9.5"));
    assertEquals(4, cell.rows);
    assertEquals(3, cell.values);
    assertEquals(0.5, cell.min);
    assertEquals(9.0, cell.max);
    assertEquals(new BigDecimal("11.0"), cell.sum);
  }

  @Test
  void textsHaveNoExtremes() {
    Cell cell = new Cell(false);
    cell.add("b");
    cell.add("a");
    assertEquals(2, cell.values);
    assertNull(cell.min);
    assertNull(cell.max);
  }

  @Test
  void longTextsCountByDigest() {
    Cell cell = new Cell(true);
    String photo = "p".repeat(500_000);

    long first = cell.add(photo);
    long again = cell.add(new String(photo.toCharArray()));
    long other = cell.add(photo + "!");
    long shortText = cell.add("ATL");

    assertEquals(2 + 1, cell.distinct.size());
    assertEquals(0, again);
    assertTrue(first > 0);
    assertTrue(first < 100, "a digest took " + first + " bytes");
    assertEquals(first, other);
    assertEquals(DistinctValues.ENTRY_BYTES + DistinctValues.heapBytes("ATL"), shortText);
  }
}
