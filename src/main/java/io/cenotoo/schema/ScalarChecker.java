package io.cenotoo.schema;

import java.util.Map;

/** Checks a field of a scalar type. */
final class ScalarChecker extends FieldChecker {

  private final String column;
  private final ScalarConverter converter;

  ScalarChecker(String name, String path, int index, Column column) {
    super(name, path, index);
    this.column = column.name();
    this.converter = ScalarConverter.of(column.type());
  }

  @Override
  void check(Object value, Map<String, Object> values, Problems problems) {
    if (value == null) {
      return;
    }
    Object converted = converter.convert(value);
    if (converted == ScalarConverter.INVALID) {
      problems.add(path, converter.message(path, value));
      return;
    }
    values.put(column, converted);
  }
}
