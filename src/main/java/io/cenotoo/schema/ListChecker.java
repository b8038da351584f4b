package io.cenotoo.schema;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Checks a list field: a JSON array whose elements are non-null values of the element type. */
final class ListChecker extends FieldChecker {

  private final String column;
  private final FieldType elementType;
  private final ScalarConverter converter;

  ListChecker(String name, String path, int index, Column column) {
    super(name, path, index);
    this.column = column.name();
    this.elementType = column.type();
    this.converter = ScalarConverter.of(column.type());
  }

  @Override
  void check(Object value, Map<String, Object> values, Problems problems) {
    if (value == null) {
      return;
    }
    JsonArray array = JsonValues.asArray(value);
    if (array == null) {
      problems.add(path, "Field '" + path + "' must be a JSON array of " + elementType.typeName()
          + " values; got " + JsonValues.describe(value) + ".");
      return;
    }
    List<Object> converted = new ArrayList<>(array.size());
    boolean valid = true;
    for (int i = 0; i < array.size(); i++) {
      Object element = array.getList().get(i);
      if (element == null) {
        String elementPath = path + "[" + i + "]";
        problems.add(elementPath, "Field '" + elementPath + "' must not be null; list elements"
            + " cannot be null, so leave the element out.");
        valid = false;
        continue;
      }
      Object result = converter.convert(element);
      if (result == ScalarConverter.INVALID) {
        String elementPath = path + "[" + i + "]";
        problems.add(elementPath, converter.message(elementPath, element));
        valid = false;
        continue;
      }
      converted.add(result);
    }
    if (valid) {
      values.put(column, Collections.unmodifiableList(converted));
    }
  }
}
