package io.cenotoo.schema;

import java.util.Map;

/** Compiled check of one declared field, created once per schema by {@link RecordValidator}. */
abstract class FieldChecker {

  /** The field name within its group. */
  final String name;

  /** The dotted path used in error messages, such as {@code loc.lat}. */
  final String path;

  /** Position among the sibling fields, for tracking which members a record sent. */
  final int index;

  FieldChecker(String name, String path, int index) {
    this.name = name;
    this.path = path;
    this.index = index;
  }

  /**
   * Checks a value of this field, which may be null, and stores converted values in
   * {@code values} under their column names. A null value stores nothing.
   */
  abstract void check(Object value, Map<String, Object> values, Problems problems);
}
