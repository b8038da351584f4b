package io.cenotoo.schema;

import java.util.List;

/**
 * One storage column of a collection: a declared scalar or list field, possibly nested.
 *
 * @param name the flattened column name, with {@code $} between nested names, such as {@code loc$lat}
 * @param path the field names from the top of the record down to this field
 * @param type the scalar type, or the element type when {@code list} is true
 * @param list whether the field is a list of {@code type}
 */
public record Column(String name, List<String> path, FieldType type, boolean list) {

  public Column {
    path = List.copyOf(path);
  }

  /** Returns the CQL type of the column, such as {@code double} or {@code list<bigint>}. */
  public String cqlType() {
    return list ? "list<" + type.cqlType() + ">" : type.cqlType();
  }

  /** Returns the dotted JSON path of the field, such as {@code loc.lat}, as used in error fields. */
  public String jsonPath() {
    return String.join(".", path);
  }
}
