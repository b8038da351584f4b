package io.cenotoo.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Converts a {@link NormalizedRecord} to and from its canonical JSON form, as sent to Kafka. */
final class CanonicalJson {

  private CanonicalJson() {}

  /**
   * Encodes the record's canonical JSON with {@code record_id} added last, straight to UTF-8
   * bytes. It writes what {@code write(record).put("record_id", id).toBuffer()} writes without
   * building the JsonObject, because ingestion encodes every record it receives.
   */
  static byte[] encode(NormalizedRecord record, UUID recordId) {
    ByteArrayBuilder bytes = new ByteArrayBuilder(256);
    try (JsonGenerator out = Jackson.FACTORY.createGenerator(bytes)) {
      out.writeStartObject();
      out.writeStringField("key", record.key());
      out.writeStringField("timestamp", Timestamps.formatTimestamp(record.timestamp()));
      encodeGroup(record.schema().fields(), record.values(), out);
      out.writeStringField("record_id", recordId.toString());
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Writing JSON to memory failed", e);
    }
    return bytes.toByteArray();
  }

  private static void encodeGroup(List<SchemaNode> fields, Map<String, Object> values, JsonGenerator out)
      throws IOException {
    for (SchemaNode field : fields) {
      out.writeFieldName(field.name());
      if (field instanceof SchemaNode.Group group) {
        out.writeStartObject();
        encodeGroup(group.children(), values, out);
        out.writeEndObject();
        continue;
      }
      Column column = ((SchemaNode.Leaf) field).column();
      Object value = values.get(column.name());
      if (value == null) {
        out.writeNull();
      } else if (column.list()) {
        out.writeStartArray();
        for (Object element : (List<?>) value) {
          encodeScalar(element, out);
        }
        out.writeEndArray();
      } else {
        encodeScalar(value, out);
      }
    }
  }

  private static void encodeScalar(Object value, JsonGenerator out) throws IOException {
    if (value instanceof String text) {
      out.writeString(text);
    } else if (value instanceof Long number) {
      out.writeNumber(number);
    } else if (value instanceof Double number) {
      out.writeNumber(number);
    } else if (value instanceof Boolean bool) {
      out.writeBoolean(bool);
    } else {
      out.writeString(String.valueOf(toJsonScalar(value)));
    }
  }

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
