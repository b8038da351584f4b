package io.cenotoo.schema;

import java.util.List;

/** A declared field in the schema tree: a column or a nested group of fields. */
sealed interface SchemaNode permits SchemaNode.Leaf, SchemaNode.Group {

  /** The field name within its group. */
  String name();

  /** The dotted JSON path from the top of the record, such as {@code loc.lat}. */
  String path();

  record Leaf(String name, String path, Column column) implements SchemaNode {}

  record Group(String name, String path, List<SchemaNode> children) implements SchemaNode {

    public Group {
      children = List.copyOf(children);
    }
  }
}
