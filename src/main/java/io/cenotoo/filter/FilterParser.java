package io.cenotoo.filter;

import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.Column;
import io.cenotoo.schema.FieldType;
import io.cenotoo.schema.Timestamps;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the {@code filters} parameter: a JSON array whose elements are conditions
 * {@code {"property_name", "operator", "property_value"}} or OR groups
 * {@code {"operator": "or", "operands": [...]}}, all AND-ed. Property names are schema columns
 * (flat names such as {@code loc$lat}), {@code key} or {@code timestamp}; each value is converted
 * to the property's type here, so evaluation compares typed values and no value reaches CQL.
 */
public final class FilterParser {

  /** Most conditions one request may hold, counting those inside OR groups. */
  public static final int MAX_CONDITIONS = 100;
  private static final String PARAMETER = "filters";

  private final CollectionSchema schema;
  private final List<FieldError> errors = new ArrayList<>();
  private int conditions;

  private FilterParser(CollectionSchema schema) {
    this.schema = schema;
  }

  /**
   * Parses the parameter text; returns null when it is absent or an empty array.
   *
   * @throws ApiException with status 422 naming every invalid element, such as {@code filters[1].operator}
   */
  public static Filter parse(String text, CollectionSchema schema) {
    if (text == null || text.isBlank()) {
      return null;
    }
    JsonArray array;
    try {
      array = new JsonArray(text);
    } catch (DecodeException | ClassCastException e) {
      throw invalid(List.of(new FieldError(PARAMETER, "filters must be a JSON array of conditions such as "
          + "[{\"property_name\": \"value\", \"operator\": \"gt\", \"property_value\": 10}]; got '" + text + "'.")));
    }
    FilterParser parser = new FilterParser(schema);
    List<Filter> filters = parser.elements(array, PARAMETER);
    if (!parser.errors.isEmpty()) {
      throw invalid(parser.errors);
    }
    return filters.isEmpty() ? null : new Filter.AllOf(filters);
  }

  private static ApiException invalid(List<FieldError> errors) {
    return ApiException.invalid("Invalid filters; see errors.", errors);
  }

  private List<Filter> elements(JsonArray array, String path) {
    List<Filter> filters = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = path + "[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject element)) {
        errors.add(new FieldError(at, "Each filter must be a JSON object with property_name, operator and "
            + "property_value, or an OR group {\"operator\": \"or\", \"operands\": [...]}."));
        continue;
      }
      Filter filter = element(element, at);
      if (filter != null) {
        filters.add(filter);
      }
    }
    return filters;
  }

  private Filter element(JsonObject element, String at) {
    Object operator = element.getValue("operator");
    if (operator instanceof String name && name.equalsIgnoreCase("or")) {
      return group(element, at);
    }
    if (++conditions > MAX_CONDITIONS) {
      if (conditions == MAX_CONDITIONS + 1) {
        errors.add(new FieldError(at, "A request may hold at most " + MAX_CONDITIONS + " conditions."));
      }
      return null;
    }
    return condition(element, at);
  }

  private Filter group(JsonObject element, String at) {
    if (!(element.getValue("operands") instanceof JsonArray operands) || operands.isEmpty()) {
      errors.add(new FieldError(at + ".operands", "An OR group needs a non-empty operands array of conditions."));
      return null;
    }
    return new Filter.AnyOf(elements(operands, at + ".operands"));
  }

  private Filter condition(JsonObject element, String at) {
    Object name = element.getValue("property_name");
    Object operatorName = element.getValue("operator");
    if (!(name instanceof String property)) {
      errors.add(new FieldError(at + ".property_name", "property_name must be a field name such as \"value\", "
          + "\"key\" or \"timestamp\"."));
      return null;
    }
    Operator operator = operatorName instanceof String text ? Operator.byName(text) : null;
    if (operator == null) {
      errors.add(new FieldError(at + ".operator", "Unknown operator " + describe(operatorName) + "; use one of "
          + Operator.NAMES + ", or \"or\" for a group."));
      return null;
    }

    FieldType type;
    boolean list;
    if (property.equals("key")) {
      type = FieldType.TEXT;
      list = false;
    } else if (property.equals("timestamp")) {
      type = FieldType.TIMESTAMP;
      list = false;
    } else {
      Column column = schema.column(property);
      if (column == null) {
        errors.add(new FieldError(at + ".property_name", "Unknown field '" + property + "'; use key, timestamp or "
            + "one of the schema's columns " + schema.columns().stream().map(Column::name).toList() + "."));
        return null;
      }
      type = column.type();
      list = column.list();
    }

    if (!element.containsKey("property_value")) {
      errors.add(new FieldError(at + ".property_value", "property_value is missing."));
      return null;
    }
    Object operand = operand(property, type, list, operator, element.getValue("property_value"), at + ".property_value");
    return operand == null ? null : new Filter.Condition(property, type, list, operator, operand);
  }

  private Object operand(String property, FieldType type, boolean list, Operator operator, Object value, String at) {
    if (operator == Operator.CONTAINS || operator == Operator.NOT_CONTAINS) {
      if (!list && type != FieldType.TEXT) {
        errors.add(new FieldError(at, operator.name().toLowerCase() + " applies to text and list fields; '"
            + property + "' is " + type.typeName() + "."));
        return null;
      }
      return convert(type, value, at);
    }
    if (list) {
      errors.add(new FieldError(at, "'" + property + "' is a list; use contains or not_contains."));
      return null;
    }
    if (operator.isOrdering() && type == FieldType.BOOL) {
      errors.add(new FieldError(at, "'" + property + "' is bool; use eq, ne or in."));
      return null;
    }
    if (operator == Operator.IN) {
      if (!(value instanceof JsonArray values) || values.isEmpty()) {
        errors.add(new FieldError(at, "in needs a non-empty JSON array of values; got " + describe(value) + "."));
        return null;
      }
      List<Object> converted = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        Object element = convert(type, values.getValue(i), at + "[" + i + "]");
        if (element == null) {
          return null;
        }
        converted.add(element);
      }
      return List.copyOf(converted);
    }
    return convert(type, value, at);
  }

  /** Converts a JSON value to the Java type of the field's values, or records an error and returns null. */
  private Object convert(FieldType type, Object value, String at) {
    Object converted = switch (type) {
      case TEXT -> value instanceof String ? value : null;
      case INT -> value instanceof Integer || value instanceof Long
          || (value instanceof BigInteger big && big.bitLength() < 64) ? ((Number) value).longValue() : null;
      case FLOAT -> value instanceof Number number ? number.doubleValue() : null;
      case BOOL -> value instanceof Boolean ? value : null;
      case DATE -> value instanceof String text ? date(text) : null;
      case TIMESTAMP -> value instanceof String text ? Timestamps.tryParseTimestamp(text) : null;
    };
    if (converted == null) {
      errors.add(new FieldError(at, "Expected " + expected(type) + "; got " + describe(value) + "."));
    }
    return converted;
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String expected(FieldType type) {
    return switch (type) {
      case TEXT -> "a string";
      case INT -> "an integer";
      case FLOAT -> "a number";
      case BOOL -> "true or false";
      case DATE -> "a date such as 2024-01-31";
      case TIMESTAMP -> Timestamps.EXPECTED_FORM;
    };
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    return value instanceof String text ? "'" + text + "'" : value.toString();
  }
}
