package io.cenotoo.schema;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Converts a {@link NormalizedRecord} to and from its canonical JSON form, as sent to Kafka. */
final class CanonicalJson {

  private CanonicalJson() {}

  static JsonObject write(NormalizedRecord record) {
    JsonObject json = new JsonObject()
        .put("key", record.key())
        .put("timestamp", Timestamps.formatTimestamp(record.timestamp()));
    writeGroup(record.schema().fields(), record.values(), json);
    return json;
  }

  private static void writeGroup(List<SchemaNode> fields, Map<String, Object> values,
      JsonObject target) {
    for (SchemaNode field : fields) {
      if (field instanceof SchemaNode.Group group) {
        JsonObject nested = new JsonObject();
        writeGroup(group.children(), values, nested);
        target.put(group.name(), nested);
      } else {
        Column column = ((SchemaNode.Leaf) field).column();
        target.put(field.name(), toJsonValue(values.get(column.name()), column));
      }
    }
  }

  private static Object toJsonValue(Object value, Column column) {
    if (value == null) {
      return null;
    }
    if (!column.list()) {
      return toJsonScalar(value);
    }
    JsonArray array = new JsonArray();
    for (Object element : (List<?>) value) {
      array.add(toJsonScalar(element));
    }
    return array;
  }

  private static Object toJsonScalar(Object value) {
    if (value instanceof Instant instant) {
      return Timestamps.formatTimestamp(instant);
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    return value;
  }

  static NormalizedRecord read(JsonObject json, CollectionSchema schema) {
    Map<String, Object> values = new HashMap<>();
    for (Column column : schema.columns()) {
      Object value = find(json, column.path());
      if (value != null) {
        values.put(column.name(), fromJsonValue(value, column));
      }
    }
    Instant timestamp = Timestamps.parseTimestamp(json.getString("timestamp"));
    return new NormalizedRecord(schema, json.getString("key"), timestamp, values);
  }

  private static Object find(JsonObject json, List<String> path) {
    JsonObject group = json;
    for (int i = 0; i < path.size() - 1; i++) {
      group = JsonValues.asObject(group.getValue(path.get(i)));
      if (group == null) {
        return null;
      }
    }
    return group.getValue(path.get(path.size() - 1));
  }

  private static Object fromJsonValue(Object value, Column column) {
    if (!column.list()) {
      return fromJsonScalar(value, column.type());
    }
    List<?> elements = JsonValues.asArray(value).getList();
    List<Object> converted = new ArrayList<>(elements.size());
    for (Object element : elements) {
      converted.add(fromJsonScalar(element, column.type()));
    }
    return Collections.unmodifiableList(converted);
  }

  private static Object fromJsonScalar(Object value, FieldType type) {
    return switch (type) {
      case TEXT -> (String) value;
      case INT -> ((Number) value).longValue();
      case FLOAT -> ((Number) value).doubleValue();
      case BOOL -> (Boolean) value;
      case DATE -> Dates.parseDate((String) value);
      case TIMESTAMP -> Timestamps.parseTimestamp((String) value);
    };
  }
}
