package io.cenotoo.schema;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A record read back from its Kafka value: its key, timestamp and record id, and the value of each
 * column of the schema by position in {@link CollectionSchema#columns()}. Values have the types of
 * {@link NormalizedRecord}'s values, and a field that was null or absent has a null value. The
 * values array is not copied, so callers must not change it.
 */
public final class DecodedRecord {

  private final String key;
  private final Instant timestamp;
  private final UUID recordId;
  private final Object[] values;

  DecodedRecord(String key, Instant timestamp, UUID recordId, Object[] values) {
    this.key = Objects.requireNonNull(key, "key");
    this.timestamp = Timestamps.truncate(Objects.requireNonNull(timestamp, "timestamp"));
    this.recordId = Objects.requireNonNull(recordId, "recordId");
    this.values = values;
  }

  /** Returns the values of a normalized record in column order, with the id it was sent with. */
  public static DecodedRecord of(NormalizedRecord record, UUID recordId) {
    List<Column> columns = record.schema().columns();
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = record.value(columns.get(i).name());
    }
    return new DecodedRecord(record.key(), record.timestamp(), recordId, values);
  }

  public String key() {
    return key;
  }

  /** Returns the record timestamp, in UTC with millisecond precision. */
  public Instant timestamp() {
    return timestamp;
  }

  /** Returns the id that ingestion assigned to the record. */
  public UUID recordId() {
    return recordId;
  }

  /** Returns the number of columns, the length of the schema's column list. */
  public int size() {
    return values.length;
  }

  /** Returns the value of the column at this position in the schema's column list, or null. */
  public Object value(int column) {
    return values[column];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DecodedRecord record
        && record.key.equals(key)
        && record.timestamp.equals(timestamp)
        && record.recordId.equals(recordId)
        && Arrays.equals(record.values, values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, timestamp, recordId, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "DecodedRecord[key=" + key + ", timestamp=" + timestamp + ", recordId=" + recordId + ", values="
        + Arrays.toString(values) + "]";
  }
}
