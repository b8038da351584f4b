package io.cenotoo.filter;

import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.Column;
import io.cenotoo.storage.Cql;
import java.util.function.Function;

/** Reads the typed value of a property (a schema column, {@code key} or {@code timestamp}) from a data row. */
public final class RowValues {

  private RowValues() {
  }

  /** Returns a view of the row for {@link Filter#test}; unknown names read as null. */
  public static Function<String, Object> of(Row row, CollectionSchema schema) {
    return property -> get(row, schema, property);
  }

  /** Returns the property's value as the driver types it (Long, Double, Instant, List ...), or null. */
  public static Object get(Row row, CollectionSchema schema, String property) {
    if (property.equals("key")) {
      return row.getString("key");
    }
    if (property.equals("timestamp")) {
      return row.getInstant("timestamp");
    }
    Column column = schema.column(property);
    if (column == null) {
      return null;
    }
    String name = Cql.quote(column.name());
    if (row.isNull(name)) {
      return null;
    }
    if (column.list()) {
      return row.getList(name, column.type().javaType());
    }
    return row.get(name, column.type().javaType());
  }
}
