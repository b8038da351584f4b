package io.cenotoo.storage;

import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.Column;
import java.util.UUID;

/**
 * Names and DDL of the per-collection data tables. A table is named {@code c_} plus the collection
 * id without dashes (34 characters, within Cassandra's 48-character limit), so names never collide
 * and never depend on user input. Rows are keyed {@code ((key, day), timestamp, record_id)}. A
 * partition holds one key's records of one UTC day, newest first, and {@code record_id} keeps
 * records with the same key and timestamp apart.
 */
public final class DataTables {

  public static final String KEY = "key";
  public static final String DAY = "day";
  public static final String TIMESTAMP = "timestamp";
  public static final String RECORD_ID = "record_id";

  private DataTables() {
  }

  public static String tableName(UUID collectionId) {
    return "c_" + collectionId.toString().replace("-", "");
  }

  public static String qualified(String keyspace, UUID collectionId) {
    return Cql.quote(keyspace) + "." + Cql.quote(tableName(collectionId));
  }

  public static String createTable(String keyspace, UUID collectionId, CollectionSchema schema) {
    StringBuilder cql = new StringBuilder("CREATE TABLE IF NOT EXISTS ")
        .append(qualified(keyspace, collectionId))
        .append(" (key text, day date, timestamp timestamp, record_id uuid");
    for (Column column : schema.columns()) {
      cql.append(", ").append(Cql.quote(column.name())).append(' ').append(column.cqlType());
    }
    return cql.append(", PRIMARY KEY ((key, day), timestamp, record_id))")
        .append(" WITH CLUSTERING ORDER BY (timestamp DESC, record_id DESC)")
        .toString();
  }

  public static String dropTable(String keyspace, UUID collectionId) {
    return "DROP TABLE IF EXISTS " + qualified(keyspace, collectionId);
  }

  /** Returns the insert of one record, with the schema's columns after the four fixed ones. */
  public static String insert(String keyspace, UUID collectionId, CollectionSchema schema) {
    StringBuilder names = new StringBuilder("key, day, timestamp, record_id");
    StringBuilder marks = new StringBuilder("?, ?, ?, ?");
    for (Column column : schema.columns()) {
      names.append(", ").append(Cql.quote(column.name()));
      marks.append(", ?");
    }
    return "INSERT INTO " + qualified(keyspace, collectionId) + " (" + names + ") VALUES (" + marks + ")";
  }
}
