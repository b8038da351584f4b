package io.cenotoo.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decodes the Kafka values that {@link NormalizedRecord#encode} writes, in one streaming pass from
 * the bytes into the column values, because the sink decodes every record it stores. The result is
 * always what the tree path returns: {@code Buffer.toJsonObject()}, then
 * {@link NormalizedRecord#fromJson} and the {@code record_id} string. The streaming pass accepts
 * only the shapes of the canonical form. Any other value goes through the tree path, which decodes
 * it or throws. Such values include an unknown or repeated member, a group that is not an object,
 * a null list element, a key that is not a string, comments and invalid JSON. Instances are
 * immutable and safe to share between threads.
 */
public final class RecordDecoder {

  private static final String KEY = "key";
  private static final String TIMESTAMP = "timestamp";
  private static final String RECORD_ID = "record_id";

  private final CollectionSchema schema;
  private final Group root;
  /** The count of member names at the top level and in every group, each with its own position. */
  private final int members;

  public RecordDecoder(CollectionSchema schema) {
    this.schema = schema;
    Map<String, Member> top = new HashMap<>();
    int[] next = {0};
    top.put(KEY, new Member(next[0]++, Kind.KEY, null, null));
    top.put(TIMESTAMP, new Member(next[0]++, Kind.TIMESTAMP, null, null));
    top.put(RECORD_ID, new Member(next[0]++, Kind.RECORD_ID, null, null));
    Map<Column, Integer> positions = new HashMap<>();
    for (int i = 0; i < schema.columns().size(); i++) {
      positions.put(schema.columns().get(i), i);
    }
    addMembers(schema.fields(), top, positions, next);
    this.root = new Group(top);
    this.members = next[0];
  }

  private static void addMembers(List<SchemaNode> fields, Map<String, Member> target, Map<Column, Integer> positions,
      int[] next) {
    for (SchemaNode field : fields) {
      if (field instanceof SchemaNode.Group group) {
        Map<String, Member> children = new HashMap<>();
        target.put(group.name(), new Member(next[0]++, Kind.GROUP, null, new Group(children)));
        addMembers(group.children(), children, positions, next);
      } else {
        Column column = ((SchemaNode.Leaf) field).column();
        target.put(field.name(), new Member(next[0]++, Kind.COLUMN, new Slot(positions.get(column), column), null));
      }
    }
  }

  /**
   * Decodes a Kafka value of this schema's collection.
   *
   * @throws RuntimeException when the value is not a record of the schema, the exception that the
   *     tree path throws: DecodeException, ClassCastException, IllegalArgumentException or NullPointerException
   */
  public DecodedRecord decode(byte[] value) {
    DecodedRecord record;
    try {
      record = decodeCanonical(value);
    } catch (IOException | RuntimeException e) {
      // The tree path decides the result for such a value, and throws its own exception if the value is invalid.
      record = null;
    }
    return record != null ? record : decodeTree(value, schema);
  }

  /** Decodes through a JsonObject: the tree path, whose result the streaming pass must equal. */
  static DecodedRecord decodeTree(byte[] value, CollectionSchema schema) {
    JsonObject json = Buffer.buffer(value).toJsonObject();
    return DecodedRecord.of(NormalizedRecord.fromJson(json, schema), UUID.fromString(json.getString(RECORD_ID)));
  }

  /** Decodes a value in the canonical form, or returns null when it has another shape. */
  DecodedRecord decodeCanonical(byte[] value) throws IOException {
    try (JsonParser parser = Jackson.FACTORY.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Reading reading = new Reading(new Object[schema.columns().size()], new boolean[members]);
      if (!readGroup(parser, root, reading)) {
        return null;
      }
      // The tree path rejects any token after the object.
      if (parser.nextToken() != null) {
        return null;
      }
      if (reading.key == null || reading.timestamp == null || reading.recordId == null) {
        return null;
      }
      return new DecodedRecord(reading.key, reading.timestamp, reading.recordId, reading.values);
    }
  }

  /** Reads the members of an object after its START_OBJECT, and returns false for a shape that is not canonical. */
  private static boolean readGroup(JsonParser parser, Group group, Reading reading) throws IOException {
    String name;
    while ((name = parser.nextFieldName()) != null) {
      Member member = group.members.get(name);
      // The tree path's map keeps only the last of repeated members, a whole group included.
      if (member == null || reading.seen[member.position]) {
        return false;
      }
      reading.seen[member.position] = true;
      JsonToken token = parser.nextToken();
      if (!readMember(parser, token, member, reading)) {
        return false;
      }
    }
    return parser.currentToken() == JsonToken.END_OBJECT;
  }

  private static boolean readMember(JsonParser parser, JsonToken token, Member member, Reading reading)
      throws IOException {
    switch (member.kind) {
      case KEY -> {
        if (token != JsonToken.VALUE_STRING) {
          return false;
        }
        reading.key = parser.getText();
        return true;
      }
      case TIMESTAMP -> {
        if (token != JsonToken.VALUE_STRING) {
          return false;
        }
        reading.timestamp = Timestamps.parseTimestamp(parser.getText());
        return true;
      }
      case RECORD_ID -> {
        if (token != JsonToken.VALUE_STRING) {
          return false;
        }
        reading.recordId = UUID.fromString(parser.getText());
        return true;
      }
      case GROUP -> {
        if (token == JsonToken.VALUE_NULL) {
          return true;
        }
        return token == JsonToken.START_OBJECT && readGroup(parser, member.group, reading);
      }
      case COLUMN -> {
        return readColumn(parser, token, member.slot, reading.values);
      }
    }
    return false;
  }

  private static boolean readColumn(JsonParser parser, JsonToken token, Slot slot, Object[] values) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return true;
    }
    Column column = slot.column;
    if (!column.list()) {
      Object value = readScalar(parser, token, column.type());
      values[slot.position] = value;
      return value != null;
    }
    if (token != JsonToken.START_ARRAY) {
      return false;
    }
    List<Object> elements = new ArrayList<>();
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      Object element = readScalar(parser, token, column.type());
      if (element == null) {
        return false;
      }
      elements.add(element);
    }
    values[slot.position] = Collections.unmodifiableList(elements);
    return true;
  }

  /**
   * Converts a scalar token as {@code CanonicalJson} converts the tree path's value, or returns null
   * for a token that the tree path may treat otherwise. Numbers convert as the tree path's Jackson
   * values do, which are Integer, Long or BigInteger for integer literals and Double for the others.
   */
  private static Object readScalar(JsonParser parser, JsonToken token, FieldType type) throws IOException {
    return switch (type) {
      case TEXT -> token == JsonToken.VALUE_STRING ? parser.getText() : null;
      case INT -> switch (token) {
        case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? parser.getBigIntegerValue().longValue() : parser.getLongValue();
        case VALUE_NUMBER_FLOAT -> (long) parser.getDoubleValue();
        default -> null;
      };
      case FLOAT -> switch (token) {
        case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
        case VALUE_NUMBER_INT -> parser.getNumberValue().doubleValue();
        default -> null;
      };
      case BOOL -> switch (token) {
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        default -> null;
      };
      case DATE -> token == JsonToken.VALUE_STRING ? Dates.parseDate(parser.getText()) : null;
      case TIMESTAMP -> token == JsonToken.VALUE_STRING ? Timestamps.parseTimestamp(parser.getText()) : null;
    };
  }

  private enum Kind { KEY, TIMESTAMP, RECORD_ID, GROUP, COLUMN }

  /** A column and its position in the schema's column list. */
  private record Slot(int position, Column column) {
  }

  /** A member name at the top level or in a group, with its position for detecting repeats. */
  private record Member(int position, Kind kind, Slot slot, Group group) {
  }

  private record Group(Map<String, Member> members) {
  }

  /** The state of one decode. */
  private static final class Reading {

    final Object[] values;
    final boolean[] seen;
    String key;
    Instant timestamp;
    UUID recordId;

    Reading(Object[] values, boolean[] seen) {
      this.values = values;
      this.seen = seen;
    }
  }
}
