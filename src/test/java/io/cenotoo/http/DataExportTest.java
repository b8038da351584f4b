package io.cenotoo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DataExportTest {

  @Test
  void exportTypeFirstSelectsExport() {
    assertEquals(DataExport.NDJSON, DataExport.format("application/x-ndjson"));
    assertEquals(DataExport.CSV, DataExport.format("text/csv; charset=utf-8, application/json"));
  }

  @Test
  void jsonFirstKeepsPage() {
    assertNull(DataExport.format("application/json, application/x-ndjson, text/csv"));
    assertNull(DataExport.format("*/*"));
    assertNull(DataExport.format(null));
  }
}
