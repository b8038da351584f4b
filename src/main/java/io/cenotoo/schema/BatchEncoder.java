package io.cenotoo.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Validates a send_data body and encodes its records in one streaming Jackson pass from the body's
 * bytes to the Kafka values, because ingestion handles every record it receives. A body that it
 * accepts gets the tree path's result: {@code Json.decodeValue},
 * {@link RecordValidator#validate(List, Instant)} and {@link EncodedBatch#of}, with the same keys,
 * values and record ids.
 *
 * <p>The streaming pass only accepts. It returns null for any body whose outcome it is not sure of,
 * and the caller then runs the tree path on the whole body, which also writes every error message.
 * Such bodies include invalid JSON, comments, an empty array, a record that is not an object, an
 * invalid, unknown, missing or repeated field, and an int field sent as {@code 25.0} or beyond the
 * range of long. Instances are immutable and safe to share between threads.
 */
public final class BatchEncoder {

  private static final String KEY = "key";
  private static final String TIMESTAMP = "timestamp";
  private static final SerializedString KEY_NAME = new SerializedString(KEY);
  private static final SerializedString TIMESTAMP_NAME = new SerializedString(TIMESTAMP);
  private static final SerializedString RECORD_ID_NAME = new SerializedString("record_id");
  private static final int INITIAL_RECORD_BYTES = 256;

  private final Group root;
  private final int columns;
  /** The count of member names at the top level and in every group, each with its own position. */
  private final int members;

  public BatchEncoder(CollectionSchema schema) {
    this.columns = schema.columns().size();
    Map<Column, Integer> positions = new HashMap<>();
    for (int i = 0; i < columns; i++) {
      positions.put(schema.columns().get(i), i);
    }
    int[] next = {0};
    // The record_id and day members are not listed, so the pass declines them like unknown fields.
    Map<String, Member> service = Map.of(
        KEY, new Member(KEY, next[0]++, Kind.KEY, -1, null, null),
        TIMESTAMP, new Member(TIMESTAMP, next[0]++, Kind.TIMESTAMP, -1, null, null));
    this.root = compile(schema.fields(), service, positions, next);
    this.members = next[0];
  }

  private static Group compile(List<SchemaNode> fields, Map<String, Member> service, Map<Column, Integer> positions,
      int[] next) {
    Map<String, Member> byName = new HashMap<>(service);
    Member[] declared = new Member[fields.size()];
    for (int i = 0; i < declared.length; i++) {
      SchemaNode field = fields.get(i);
      if (field instanceof SchemaNode.Group group) {
        int position = next[0]++;
        declared[i] = new Member(field.name(), position, Kind.GROUP, -1, null,
            compile(group.children(), Map.of(), positions, next));
      } else {
        Column column = ((SchemaNode.Leaf) field).column();
        declared[i] = new Member(field.name(), next[0]++, Kind.COLUMN, positions.get(column), column, null);
      }
      byName.put(field.name(), declared[i]);
    }
    return new Group(byName, declared);
  }

  /**
   * Validates and encodes a send_data body, or returns null when the tree path must handle it.
   *
   * @param body the request body, a JSON object or an array of JSON objects
   * @param now the timestamp of records that do not send one, truncated to milliseconds
   * @param recordIds the record id of each record by its position in the body
   */
  public EncodedBatch encode(byte[] body, Instant now, IntFunction<UUID> recordIds) {
    try {
      return encodeRecords(body, now, recordIds);
    } catch (IOException | RuntimeException e) {
      // The tree path parses the body again and reports its own outcome, an error included.
      return null;
    }
  }

  private EncodedBatch encodeRecords(byte[] body, Instant now, IntFunction<UUID> recordIds) throws IOException {
    ByteArrayBuilder bytes = new ByteArrayBuilder(Math.max(INITIAL_RECORD_BYTES, body.length + body.length / 4));
    try (JsonParser parser = Jackson.FACTORY.createParser(body);
        JsonGenerator out = Jackson.FACTORY.createGenerator(bytes)) {
      // The records are written back to back with nothing between them, each ending where its value ends.
      out.setRootValueSeparator(null);
      Writing writing = new Writing(out, bytes, Timestamps.formatTimestamp(Timestamps.truncate(now)), recordIds);
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_OBJECT) {
        if (!encodeRecord(parser, writing)) {
          return null;
        }
      } else if (first == JsonToken.START_ARRAY) {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
          if (!encodeRecord(parser, writing)) {
            return null;
          }
        }
        // An element that is not an object is an error, and an empty array is left to the tree path.
        if (token != JsonToken.END_ARRAY || writing.keys.isEmpty()) {
          return null;
        }
      } else {
        return null;
      }
      // The tree path rejects any token after the body's value.
      if (parser.nextToken() != null) {
        return null;
      }
      out.flush();
      return writing.finish();
    }
  }

  /** Reads one record after its START_OBJECT and writes it, or returns false to decline the body. */
  private boolean encodeRecord(JsonParser parser, Writing writing) throws IOException {
    writing.startRecord();
    if (!readGroup(parser, root, writing)) {
      return false;
    }
    writing.writeRecord(root);
    return true;
  }

  /**
   * Reads the members of an object after its START_OBJECT, and returns false when the tree path
   * may decide otherwise: an unknown, repeated or missing member, or an invalid value.
   */
  private static boolean readGroup(JsonParser parser, Group group, Writing writing) throws IOException {
    String name;
    while ((name = parser.nextFieldName()) != null) {
      Member member = group.byName.get(name);
      // The tree path's map keeps only the last of repeated members, a whole group included.
      if (member == null || writing.seen[member.position]) {
        return false;
      }
      writing.seen[member.position] = true;
      if (!readMember(parser, parser.nextToken(), member, writing)) {
        return false;
      }
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      return false;
    }
    for (Member member : group.declared) {
      if (!writing.seen[member.position]) {
        return false;
      }
    }
    return true;
  }

  private static boolean readMember(JsonParser parser, JsonToken token, Member member, Writing writing)
      throws IOException {
    switch (member.kind) {
      case KEY -> {
        String key = token == JsonToken.VALUE_STRING ? parser.getText() : null;
        if (key == null || key.isEmpty() || key.length() > NormalizedRecord.MAX_KEY_LENGTH) {
          return false;
        }
        writing.key = key;
        return true;
      }
      case TIMESTAMP -> {
        writing.timestamp = token == JsonToken.VALUE_STRING ? timestampText(parser.getText()) : null;
        return writing.timestamp != null;
      }
      case GROUP -> {
        // A null group leaves its columns null, and its members need not be sent.
        if (token == JsonToken.VALUE_NULL) {
          return true;
        }
        return token == JsonToken.START_OBJECT && readGroup(parser, member.group, writing);
      }
      case COLUMN -> {
        return readColumn(parser, token, member, writing.values);
      }
    }
    return false;
  }

  private static boolean readColumn(JsonParser parser, JsonToken token, Member member, Object[] values)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return true;
    }
    FieldType type = member.column.type();
    if (!member.column.list()) {
      Object value = readScalar(parser, token, type);
      values[member.slot] = value;
      return value != null;
    }
    if (token != JsonToken.START_ARRAY) {
      return false;
    }
    List<Object> elements = new ArrayList<>();
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      // A null element is an error, and a nested array or object is not a scalar.
      Object element = readScalar(parser, token, type);
      if (element == null) {
        return false;
      }
      elements.add(element);
    }
    values[member.slot] = elements;
    return true;
  }

  /**
   * Converts a scalar token as {@link ScalarConverter} converts the tree path's value, to the form
   * that {@code CanonicalJson} writes: String, Long, Double or Boolean, with dates and timestamps as
   * their canonical text. Returns null for a value that the tree path rejects or may treat otherwise.
   * The tree path's Jackson values are Integer, Long or BigInteger for integer literals and Double
   * for the others.
   */
  private static Object readScalar(JsonParser parser, JsonToken token, FieldType type) throws IOException {
    return switch (type) {
      case TEXT -> token == JsonToken.VALUE_STRING ? parser.getText() : null;
      case INT -> token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
          ? Long.valueOf(parser.getLongValue()) : null;
      case FLOAT -> readFloat(parser, token);
      case BOOL -> switch (token) {
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        default -> null;
      };
      case DATE -> token == JsonToken.VALUE_STRING ? dateText(parser.getText()) : null;
      case TIMESTAMP -> token == JsonToken.VALUE_STRING ? timestampText(parser.getText()) : null;
    };
  }

  /**
   * Converts a number as {@code Number.doubleValue()} does on the tree path's value, or returns null
   * for another token or a number beyond the range of double.
   */
  private static Double readFloat(JsonParser parser, JsonToken token) throws IOException {
    double value;
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      value = parser.getDoubleValue();
    } else if (token == JsonToken.VALUE_NUMBER_INT) {
      value = parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
          ? parser.getBigIntegerValue().doubleValue() : (double) parser.getLongValue();
    } else {
      return null;
    }
    return Double.isFinite(value) ? value : null;
  }

  private static String dateText(String text) {
    LocalDate date = Dates.tryParseDate(text);
    return date == null ? null : date.toString();
  }

  private static String timestampText(String text) {
    Instant instant = Timestamps.tryParseTimestamp(text);
    return instant == null ? null : Timestamps.formatTimestamp(instant);
  }

  private enum Kind { KEY, TIMESTAMP, GROUP, COLUMN }

  /**
   * A member name at the top level or in a group. The position detects repeats and missing
   * members, and a column's slot is its position in the schema's column list.
   */
  private record Member(String name, SerializedString jsonName, int position, Kind kind, int slot, Column column,
      Group group) {

    Member(String name, int position, Kind kind, int slot, Column column, Group group) {
      this(name, new SerializedString(name), position, kind, slot, column, group);
    }
  }

  /** The members of a group by name, and the declared ones in schema order, the order of the output. */
  private record Group(Map<String, Member> byName, Member[] declared) {
  }

  /** The state of one body's pass: the record being read and the output written so far. */
  private final class Writing {

    final Object[] values = new Object[columns];
    final boolean[] seen = new boolean[members];
    final JsonGenerator out;
    final ByteArrayBuilder bytes;
    /** The timestamp of records that send none, as ASCII text. */
    final byte[] defaultTimestamp;
    final IntFunction<UUID> recordIds;
    /** The text of the record id being written, reused for every record. */
    final byte[] recordId = new byte[Uuids.TEXT_LENGTH];
    final List<String> keys = new ArrayList<>();
    /** The end of each record's value in the output, exclusive. */
    final List<Integer> ends = new ArrayList<>();
    String key;
    String timestamp;

    Writing(JsonGenerator out, ByteArrayBuilder bytes, String defaultTimestamp, IntFunction<UUID> recordIds) {
      this.out = out;
      this.bytes = bytes;
      this.defaultTimestamp = defaultTimestamp.getBytes(StandardCharsets.US_ASCII);
      this.recordIds = recordIds;
    }

    void startRecord() {
      Arrays.fill(values, null);
      Arrays.fill(seen, false);
      key = null;
      timestamp = null;
    }

    /**
     * Writes the record read last as {@code CanonicalJson.encode} does, with the next record id.
     * Names go out as bytes escaped once in advance, and the default timestamp and the record id,
     * which cannot need escaping, as plain bytes.
     */
    void writeRecord(Group group) throws IOException {
      String recordKey = key == null ? NormalizedRecord.DEFAULT_KEY : key;
      out.writeStartObject();
      out.writeFieldName(KEY_NAME);
      out.writeString(recordKey);
      out.writeFieldName(TIMESTAMP_NAME);
      if (timestamp == null) {
        out.writeRawUTF8String(defaultTimestamp, 0, defaultTimestamp.length);
      } else {
        out.writeString(timestamp);
      }
      writeGroup(group);
      out.writeFieldName(RECORD_ID_NAME);
      Uuids.writeText(recordIds.apply(keys.size()), recordId);
      out.writeRawUTF8String(recordId, 0, recordId.length);
      out.writeEndObject();
      keys.add(recordKey);
      // The generator still buffers the end of the output, so the record ends that far past the builder's size.
      ends.add(bytes.size() + out.getOutputBuffered());
    }

    private void writeGroup(Group group) throws IOException {
      for (Member member : group.declared) {
        out.writeFieldName(member.jsonName);
        if (member.kind == Kind.GROUP) {
          out.writeStartObject();
          writeGroup(member.group);
          out.writeEndObject();
          continue;
        }
        Object value = values[member.slot];
        if (value == null) {
          out.writeNull();
        } else if (value instanceof List<?> elements) {
          out.writeStartArray();
          for (Object element : elements) {
            writeScalar(element);
          }
          out.writeEndArray();
        } else {
          writeScalar(value);
        }
      }
    }

    /** Writes a value of {@link #readScalar} with the generator call that {@code CanonicalJson} uses for it. */
    private void writeScalar(Object value) throws IOException {
      if (value instanceof String text) {
        out.writeString(text);
      } else if (value instanceof Long number) {
        out.writeNumber(number.longValue());
      } else if (value instanceof Double number) {
        out.writeNumber(number.doubleValue());
      } else {
        out.writeBoolean((Boolean) value);
      }
    }

    /** Returns the written records, each value a slice of one array holding the whole output. */
    EncodedBatch finish() {
      // Buffer.buffer(byte[]) would copy the array once more.
      Buffer output = BufferInternal.buffer(Unpooled.wrappedBuffer(bytes.toByteArray()));
      List<Buffer> values = new ArrayList<>(ends.size());
      int start = 0;
      for (int end : ends) {
        values.add(output.slice(start, end));
        start = end;
      }
      return new EncodedBatch(keys, values);
    }
  }
}
