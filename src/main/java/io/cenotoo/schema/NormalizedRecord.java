package io.cenotoo.schema;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A validated record: its key, its timestamp in milliseconds and its field values keyed by
 * flattened column name. Values have the Java types the Cassandra driver 4.x binds: String, Long,
 * Double, Boolean, LocalDate, Instant, or an unmodifiable List of one of these. A field that was
 * null, or that sits in a null group, has no entry, so {@link #value} returns null for it.
 * Instances are immutable.
 */
public final class NormalizedRecord {

  /** The key of a record that does not send one. */
  public static final String DEFAULT_KEY = "default";

  /** Maximum length of a record key, in UTF-16 characters. */
  public static final int MAX_KEY_LENGTH = 256;

  private final CollectionSchema schema;
  private final String key;
  private final Instant timestamp;
  private final Map<String, Object> values;

  /**
   * Creates a record from values that already have the driver types; entries with null values are
   * dropped and the timestamp is truncated to milliseconds.
   */
  public NormalizedRecord(CollectionSchema schema, String key, Instant timestamp,
      Map<String, Object> values) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.key = Objects.requireNonNull(key, "key");
    this.timestamp = Timestamps.truncate(Objects.requireNonNull(timestamp, "timestamp"));
    Map<String, Object> copy = new HashMap<>(values);
    copy.values().removeIf(Objects::isNull);
    this.values = Collections.unmodifiableMap(copy);
  }

  public CollectionSchema schema() {
    return schema;
  }

  public String key() {
    return key;
  }

  /** Returns the record timestamp, in UTC with millisecond precision. */
  public Instant timestamp() {
    return timestamp;
  }

  /** Returns the non-null field values by flattened column name, such as {@code loc$lat}. */
  public Map<String, Object> values() {
    return values;
  }

  /** Returns the value of a column, or null when the field was null or the column does not exist. */
  public Object value(String column) {
    return values.get(column);
  }

  /**
   * Returns the canonical JSON form: {@code key}, {@code timestamp} as
   * {@code 2024-03-10T08:00:00.000Z}, then every declared field nested as declared. Null fields
   * are written as null, and a null group is written as an object whose members are all null.
   * Dates are {@code YYYY-MM-DD} strings and timestamps use the timestamp form.
   */
  public JsonObject toJson() {
    return CanonicalJson.write(this);
  }

  /** Returns the UTF-8 bytes of {@link #toJson()} with {@code record_id} added, the value ingestion sends to Kafka. */
  public byte[] encode(UUID recordId) {
    return CanonicalJson.encode(this, recordId);
  }

  /**
   * Reads a record written by {@link #toJson()}. The input is trusted, so malformed values fail
   * with ClassCastException, IllegalArgumentException or NullPointerException instead of field
   * errors.
   */
  public static NormalizedRecord fromJson(JsonObject json, CollectionSchema schema) {
    return CanonicalJson.read(json, schema);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NormalizedRecord record
        && record.key.equals(key)
        && record.timestamp.equals(timestamp)
        && record.values.equals(values)
        && record.schema.equals(schema);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, timestamp, values);
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
