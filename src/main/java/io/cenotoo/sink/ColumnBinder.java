package io.cenotoo.sink;

import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import io.cenotoo.schema.Column;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Binds a normalized value to its column with the driver's codec for the column's CQL type. */
final class ColumnBinder {

  private ColumnBinder() {
  }

  @SuppressWarnings("unchecked")
  static BoundStatementBuilder bind(BoundStatementBuilder builder, int index, Column column, Object value) {
    if (column.list()) {
      return builder.setList(index, (List<Object>) value, (Class<Object>) column.type().javaType());
    }
    return switch (column.type()) {
      case TEXT -> builder.setString(index, (String) value);
      case INT -> builder.setLong(index, (Long) value);
      case FLOAT -> builder.setDouble(index, (Double) value);
      case BOOL -> builder.setBoolean(index, (Boolean) value);
      case DATE -> builder.setLocalDate(index, (LocalDate) value);
      case TIMESTAMP -> builder.setInstant(index, (Instant) value);
    };
  }
}
