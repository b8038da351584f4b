package io.cenotoo.schema;

import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared fields of a collection, parsed from a definition such as
 * {@code {"sensor": "text", "loc": {"lat": "float"}, "tags": ["text"]}}. Instances are immutable
 * and safe to share between threads.
 */
public final class CollectionSchema {

  /** Maximum length of a flattened column name such as {@code loc$lat}. */
  public static final int MAX_COLUMN_NAME_LENGTH = 48;

  /** Maximum number of declared columns after flattening, not counting the service's own columns. */
  public static final int MAX_COLUMNS = 500;

  /** Top-level names the service uses for its own columns, compared ignoring letter case. */
  public static final Set<String> RESERVED_NAMES = Set.of("key", "timestamp", "day", "record_id");

  private final List<SchemaNode> fields;
  private final List<Column> columns;
  private final Map<String, Column> columnsByName;
  private final JsonObject definition;
  private final String encoded;

  CollectionSchema(List<SchemaNode> fields, List<Column> columns, JsonObject definition) {
    this.fields = List.copyOf(fields);
    this.columns = List.copyOf(columns);
    Map<String, Column> byName = new HashMap<>();
    for (Column column : columns) {
      byName.put(column.name(), column);
    }
    this.columnsByName = Map.copyOf(byName);
    this.definition = definition;
    this.encoded = definition.encode();
  }

  /**
   * Parses a schema definition.
   *
   * @throws ApiException with status 422 listing every problem, each with the JSON path of the field
   */
  public static CollectionSchema parse(JsonObject definition) {
    return SchemaParser.parse(definition);
  }

  /**
   * Parses a definition stored as JSON text by {@link #encode()}.
   *
   * @throws ApiException with status 422 when the text is not a JSON object or not a valid schema
   */
  public static CollectionSchema decode(String json) {
    if (json == null) {
      return parse(null);
    }
    JsonObject definition;
    try {
      definition = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw ApiException.invalid("Invalid collection_schema: it is not a JSON object.",
          List.of(new FieldError("", "The stored schema is not a JSON object: " + e.getMessage())));
    }
    return parse(definition);
  }

  /** Returns the declared columns in declaration order, nested fields flattened in place. */
  public List<Column> columns() {
    return columns;
  }

  /** Returns the column with this flattened name, such as {@code loc$lat}, or null. */
  public Column column(String flatName) {
    return columnsByName.get(flatName);
  }

  /**
   * Returns a copy of the normalised definition: type names only, declaration order kept, and a
   * top-level {@code "key": "text"} declaration removed.
   */
  public JsonObject definition() {
    return definition.copy();
  }

  /** Returns the normalised definition as compact JSON text, which {@link #decode} reads back. */
  public String encode() {
    return encoded;
  }

  /** Returns the top-level fields as a tree, for the validator and the canonical JSON form. */
  List<SchemaNode> fields() {
    return fields;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CollectionSchema schema && schema.encoded.equals(encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  @Override
  public String toString() {
    return encoded;
  }
}
