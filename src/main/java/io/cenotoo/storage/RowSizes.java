package io.cenotoo.storage;

import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.schema.Column;
import io.cenotoo.schema.FieldType;
import java.nio.ByteBuffer;

/** Sizes of rows as Cassandra sent them, for readers that bound their memory by bytes. */
public final class RowSizes {

  private RowSizes() {
  }

  /** Returns the bytes of a row's values as Cassandra sent them, about what the row takes in memory. */
  public static long storedBytes(Row row) {
    long bytes = 0;
    for (int i = 0; i < row.size(); i++) {
      ByteBuffer value = row.getBytesUnsafe(i);
      if (value != null) {
        bytes += value.remaining();
      }
    }
    return bytes;
  }

  /** Returns whether a column's values have no fixed size: text and lists, up to a whole record. */
  public static boolean mayBeLarge(Column column) {
    return column.list() || column.type() == FieldType.TEXT;
  }
}
