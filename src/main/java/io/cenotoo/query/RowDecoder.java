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
 * {@code $} when asked.
 */
final class RowDecoder {

  private RowDecoder() {
  }

  static JsonObject decode(Row row, List<Column> columns, boolean nested) {
    JsonObject json = new JsonObject()
        .put("key", row.getString("key"))
        .put("timestamp", Timestamps.formatTimestamp(row.getInstant("timestamp")))
        .put("day", row.getLocalDate("day").toString())
        .put("record_id", row.getUuid("record_id").toString());
    for (Column column : columns) {
      Object value = value(row, column);
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

  private static Object value(Row row, Column column) {
    String name = io.cenotoo.storage.Cql.quote(column.name());
    if (row.isNull(name)) {
      return null;
    }
    if (column.list()) {
      List<?> list = row.getList(name, column.type().javaType());
      JsonArray array = new JsonArray();
      list.forEach(element -> array.add(json(element)));
      return array;
    }
    return json(row.getObject(name));
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
