package io.cenotoo.query;

import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.schema.Column;
import io.cenotoo.schema.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Turns a data-table row into its JSON record: {@code key}, {@code timestamp} (RFC 3339 in UTC with
 * millisecond precision), {@code day}, {@code record_id}, then the selected columns, nested on
 * {@code $} when asked. Rows come from {@code SELECT key, day, timestamp, record_id, <every schema
 * column in schema order>}, and values are read by position: the driver's lookup by name compares
 * names case-insensitively on every call, which cost more than decoding the values.
 */
final class RowDecoder {

  static final int KEY = 0;
  static final int DAY = 1;
  static final int TIMESTAMP = 2;
  static final int RECORD_ID = 3;
  /** Position of the schema's first column in the row. */
  static final int FIRST_COLUMN = 4;

  private RowDecoder() {
  }

  /** Returns the row positions of {@code columns}, which must be columns of {@code schema}. */
  static int[] positions(List<Column> columns, List<Column> schema) {
    int[] positions = new int[columns.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = FIRST_COLUMN + schema.indexOf(columns.get(i));
    }
    return positions;
  }

  static JsonObject decode(Row row, List<Column> columns, int[] positions, boolean nested) {
    JsonObject json = new JsonObject()
        .put("key", row.getString(KEY))
        .put("timestamp", Timestamps.formatTimestamp(row.getInstant(TIMESTAMP)))
        .put("day", row.getLocalDate(DAY).toString())
        .put("record_id", row.getUuid(RECORD_ID).toString());
    for (int c = 0; c < positions.length; c++) {
      Column column = columns.get(c);
      Object value = value(row, positions[c], column);
      if (nested && column.path().size() > 1) {
        JsonObject parent = json;
        for (String part : column.path().subList(0, column.path().size() - 1)) {
          JsonObject child = parent.getJsonObject(part);
          if (child == null) {
            child = new JsonObject();
            parent.put(part, child);
          }
          parent = child;
        }
        parent.put(column.path().get(column.path().size() - 1), value);
      } else {
        json.put(column.name(), value);
      }
    }
    return json;
  }

  private static Object value(Row row, int position, Column column) {
    if (row.isNull(position)) {
      return null;
    }
    if (column.list()) {
      List<?> list = row.getList(position, column.type().javaType());
      JsonArray array = new JsonArray();
      list.forEach(element -> array.add(json(element)));
      return array;
    }
    return json(row.getObject(position));
  }

  private static Object json(Object value) {
    if (value instanceof Instant instant) {
      return Timestamps.formatTimestamp(instant);
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    return value;
  }
}
