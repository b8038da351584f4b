package io.cenotoo.sink;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import io.cenotoo.schema.Column;
import io.cenotoo.schema.DecodedRecord;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Binds decoded records to a collection's prepared insert: key, day, timestamp, record_id, then the
 * schema's columns in order. It looks up each bind marker's codec once, when it is created, because
 * the typed setters of Cassandra driver 4 look the codec up in the registry for every value they
 * bind. The bytes are those that the typed setters write.
 */
final class RowBinder {

  private static final int FIRST_COLUMN = 4;
  /** Encoded day (4 bytes), timestamp (8) and record_id (16). */
  private static final int FIXED_KEY_BYTES = 28;

  private final PreparedStatement insert;
  private final TypeCodec<Object> keyCodec;
  private final TypeCodec<Object> dayCodec;
  private final TypeCodec<Object> timestampCodec;
  private final TypeCodec<Object> recordIdCodec;
  private final TypeCodec<Object>[] columnCodecs;

  /** Creates the binder of an insert that {@code DataTables.insert} built for a schema with these columns. */
  RowBinder(PreparedStatement insert, List<Column> columns) {
    this.insert = insert;
    ColumnDefinitions variables = insert.getVariableDefinitions();
    if (variables.size() != FIRST_COLUMN + columns.size()) {
      throw new IllegalArgumentException("The insert has " + variables.size() + " bind markers; expected "
          + (FIRST_COLUMN + columns.size()) + " for " + columns.size() + " columns");
    }
    CodecRegistry registry = insert.boundStatementBuilder().codecRegistry();
    keyCodec = codec(registry, variables, 0, GenericType.of(String.class));
    dayCodec = codec(registry, variables, 1, GenericType.of(LocalDate.class));
    timestampCodec = codec(registry, variables, 2, GenericType.of(Instant.class));
    recordIdCodec = codec(registry, variables, 3, GenericType.of(UUID.class));
    columnCodecs = newCodecArray(columns.size());
    for (int i = 0; i < columnCodecs.length; i++) {
      Column column = columns.get(i);
      Class<?> type = column.type().javaType();
      columnCodecs[i] = codec(registry, variables, FIRST_COLUMN + i,
          column.list() ? GenericType.listOf(type) : GenericType.of(type));
    }
  }

  /** Binds a row; absent values stay unset, so they write no tombstones. */
  BoundRow bind(DecodedRecord row, LocalDate day) {
    BoundStatementBuilder builder = insert.boundStatementBuilder();
    ProtocolVersion version = builder.protocolVersion();
    ByteBuffer key = keyCodec.encode(row.key(), version);
    builder.setBytesUnsafe(0, key)
        .setBytesUnsafe(1, dayCodec.encode(day, version))
        .setBytesUnsafe(2, timestampCodec.encode(row.timestamp(), version))
        .setBytesUnsafe(3, recordIdCodec.encode(row.recordId(), version));
    long bytes = key.remaining() + FIXED_KEY_BYTES;
    for (int i = 0; i < columnCodecs.length; i++) {
      Object value = row.value(i);
      if (value != null) {
        ByteBuffer encoded = columnCodecs[i].encode(value, version);
        builder.setBytesUnsafe(FIRST_COLUMN + i, encoded);
        bytes += encoded.remaining();
      }
    }
    return new BoundRow(builder.build(), bytes);
  }

  /**
   * A bound insert and the bytes of its values as sent to Cassandra, which is about what the row
   * adds to a batch's request and to its mutation.
   */
  record BoundRow(BoundStatement statement, long bytes) {
  }

  /** Returns the codec that the typed setter for this Java type uses. A value of another class fails to encode. */
  @SuppressWarnings("unchecked")
  private static TypeCodec<Object> codec(CodecRegistry registry, ColumnDefinitions variables, int index,
      GenericType<?> javaType) {
    return (TypeCodec<Object>) registry.codecFor(variables.get(index).getType(), javaType);
  }

  @SuppressWarnings("unchecked")
  private static TypeCodec<Object>[] newCodecArray(int size) {
    return (TypeCodec<Object>[]) new TypeCodec<?>[size];
  }
}
