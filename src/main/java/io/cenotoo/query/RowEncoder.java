package io.cenotoo.query;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import io.cenotoo.schema.Column;
import io.cenotoo.schema.FieldType;
import io.cenotoo.schema.Timestamps;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a data-table row as its JSON record: {@code key}, {@code timestamp} (RFC 3339 in UTC with
 * millisecond precision), {@code day}, {@code record_id}, then the selected columns in the order
 * asked. A column goes under its flattened name, or with nested output inside one object per group
 * of its path. A group sits where its first selected column does. Rows come from {@code SELECT key,
 * day, timestamp, record_id, <every schema column in schema order>}.
 *
 * <p>Values go from the row's bytes straight into the generator, decoded by position with the codec
 * of their type: no map per record, no codec lookup per cell (the driver's typed getters look one up
 * on every call) and no name lookup (which compares names case-insensitively on every call). Create
 * one per query and use it from one thread at a time.
 */
final class RowEncoder {

  static final int KEY = 0;
  static final int DAY = 1;
  static final int TIMESTAMP = 2;
  static final int RECORD_ID = 3;
  /** Position of the schema's first column in the row. */
  static final int FIRST_COLUMN = 4;

  private final List<Field> fields;
  private final CellWriter cells = new CellWriter();

  /**
   * @param columns the selected columns, in output order, all columns of {@code schema}
   * @param schema every column of the collection, in schema order
   * @param nested whether columns of groups go inside objects instead of under their flattened names
   */
  RowEncoder(List<Column> columns, List<Column> schema, boolean nested) {
    List<Field> top = new ArrayList<>();
    for (Column column : columns) {
      Leaf leaf = new Leaf(FIRST_COLUMN + schema.indexOf(column), column);
      if (!nested || column.path().size() == 1) {
        top.add(new Field(column.name(), leaf));
        continue;
      }
      List<Field> parent = top;
      for (String part : column.path().subList(0, column.path().size() - 1)) {
        parent = groupIn(parent, part);
      }
      parent.add(new Field(column.path().get(column.path().size() - 1), leaf));
    }
    this.fields = top;
  }

  /** Returns the members of the group {@code name} in {@code fields}, adding the group when it is new. */
  private static List<Field> groupIn(List<Field> fields, String name) {
    for (Field field : fields) {
      if (field.name().equals(name) && field.group() != null) {
        return field.group();
      }
    }
    Field group = new Field(name, new ArrayList<>());
    fields.add(group);
    return group.group();
  }

  void write(Row row, JsonGenerator out) throws IOException {
    ProtocolVersion version = row.protocolVersion();
    out.writeStartObject();
    out.writeFieldName("key");
    cells.text(row.getBytesUnsafe(KEY), version, out);
    out.writeFieldName("timestamp");
    cells.timestamp(row.getBytesUnsafe(TIMESTAMP), version, out);
    out.writeFieldName("day");
    cells.date(row.getBytesUnsafe(DAY), version, out);
    out.writeFieldName("record_id");
    cells.uuid(row.getBytesUnsafe(RECORD_ID), out);
    writeFields(fields, row, version, out);
    out.writeEndObject();
  }

  private void writeFields(List<Field> fields, Row row, ProtocolVersion version, JsonGenerator out)
      throws IOException {
    for (Field field : fields) {
      out.writeFieldName(field.name());
      if (field.group() != null) {
        out.writeStartObject();
        writeFields(field.group(), row, version, out);
        out.writeEndObject();
      } else {
        field.leaf().write(row.getBytesUnsafe(field.leaf().position()), version, cells, out);
      }
    }
  }

  /** A member of the record or of a group: a column, or a group with its own members. */
  private record Field(String name, Leaf leaf, List<Field> group) {

    Field(String name, Leaf leaf) {
      this(name, leaf, null);
    }

    Field(String name, List<Field> group) {
      this(name, null, group);
    }
  }

  /** One column's value, written as the JSON the column's Java value would be. */
  private static final class Leaf {

    private final int position;
    private final FieldType type;
    /** The list codec of a list column, null for a scalar one. */
    private final TypeCodec<? extends List<?>> listCodec;

    Leaf(int position, Column column) {
      this.position = position;
      this.type = column.type();
      this.listCodec = column.list() ? TypeCodecs.listOf(scalarCodec(column.type())) : null;
    }

    int position() {
      return position;
    }

    /**
     * Writes null for a missing value and for an empty one of a non-text type, which the driver also
     * decodes as null.
     */
    void write(ByteBuffer bytes, ProtocolVersion version, CellWriter cells, JsonGenerator out) throws IOException {
      if (bytes == null) {
        out.writeNull();
      } else if (listCodec != null) {
        out.writeStartArray();
        for (Object element : listCodec.decode(bytes, version)) {
          writeElement(element, out);
        }
        out.writeEndArray();
      } else if (bytes.remaining() == 0 && type != FieldType.TEXT) {
        out.writeNull();
      } else {
        writeScalar(bytes, version, cells, out);
      }
    }

    private void writeScalar(ByteBuffer bytes, ProtocolVersion version, CellWriter cells, JsonGenerator out)
        throws IOException {
      switch (type) {
        case TEXT -> cells.text(bytes, version, out);
        case INT -> out.writeNumber(TypeCodecs.BIGINT.decodePrimitive(bytes, version));
        case FLOAT -> out.writeNumber(TypeCodecs.DOUBLE.decodePrimitive(bytes, version));
        case BOOL -> out.writeBoolean(TypeCodecs.BOOLEAN.decodePrimitive(bytes, version));
        case DATE -> cells.date(bytes, version, out);
        case TIMESTAMP -> cells.timestamp(bytes, version, out);
      }
    }

    private static void writeElement(Object element, JsonGenerator out) throws IOException {
      if (element == null) {
        out.writeNull();
      } else if (element instanceof String text) {
        out.writeString(text);
      } else if (element instanceof Long number) {
        out.writeNumber(number);
      } else if (element instanceof Double number) {
        out.writeNumber(number);
      } else if (element instanceof Boolean bool) {
        out.writeBoolean(bool);
      } else if (element instanceof LocalDate date) {
        out.writeString(date.toString());
      } else {
        out.writeString(Timestamps.formatTimestamp((Instant) element));
      }
    }

    private static TypeCodec<?> scalarCodec(FieldType type) {
      return switch (type) {
        case TEXT -> TypeCodecs.TEXT;
        case INT -> TypeCodecs.BIGINT;
        case FLOAT -> TypeCodecs.DOUBLE;
        case BOOL -> TypeCodecs.BOOLEAN;
        case DATE -> TypeCodecs.DATE;
        case TIMESTAMP -> TypeCodecs.TIMESTAMP;
      };
    }
  }
}
