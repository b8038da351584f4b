package io.cenotoo.http;

import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.JsonSchema;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Reads an operation's path and query parameters with the types its contract declares. It serves
 * hot operations whose contract validation is switched off, because vertx-openapi 5.0.7 builds a new
 * schema validator for every parameter of every request (about a quarter of a get_data request's
 * event-loop samples in a profile). It builds the same {@code {"path", "query"}} message as the
 * validated route and rejects a value of the wrong type with 400 naming the parameter.
 *
 * <p>Supports the schemas these operations declare: strings (with {@code format: uuid}), integers
 * with {@code minimum} and {@code maximum}, booleans, and exploded form arrays of strings. A
 * contract declaring anything else fails when the router is built, not on a request.
 */
final class ParameterReader {

  private final List<Definition> definitions;

  private ParameterReader(List<Definition> definitions) {
    this.definitions = definitions;
  }

  /** Throws IllegalStateException when a parameter of the operation has a schema this reader does not support. */
  static ParameterReader of(Operation operation) {
    List<Definition> definitions = new ArrayList<>();
    for (Parameter parameter : operation.getParameters()) {
      definitions.add(Definition.of(operation.getOperationId(), parameter));
    }
    return new ParameterReader(definitions);
  }

  /** Returns {@code {"path": {...}, "query": {...}}} with typed values; absent optional parameters are left out. */
  JsonObject read(RoutingContext ctx) {
    JsonObject path = new JsonObject();
    JsonObject query = new JsonObject();
    List<FieldError> errors = new ArrayList<>();
    MultiMap queryParams = ctx.queryParams();
    for (Definition definition : definitions) {
      List<String> values = definition.location == Location.PATH
          ? single(ctx.pathParam(definition.name)) : queryParams.getAll(definition.name);
      Object value = definition.convert(values, errors);
      if (value != null) {
        (definition.location == Location.PATH ? path : query).put(definition.name, value);
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(400, "The request does not match the API contract: " + errors.get(0).message(), errors);
    }
    return new JsonObject().put("path", path).put("query", query);
  }

  private static List<String> single(String value) {
    return value == null ? List.of() : List.of(value);
  }

  private enum Type { STRING, UUID, INTEGER, BOOLEAN, STRING_ARRAY }

  private record Definition(String name, Location location, boolean required, Type type, Long minimum, Long maximum) {

    static Definition of(String operationId, Parameter parameter) {
      JsonSchema schema = parameter.getSchema();
      String declared = schema.get("type");
      Type type = switch (declared == null ? "" : declared) {
        case "string" -> "uuid".equals(schema.get("format")) ? Type.UUID : Type.STRING;
        case "integer" -> Type.INTEGER;
        case "boolean" -> Type.BOOLEAN;
        case "array" -> Type.STRING_ARRAY;
        default -> null;
      };
      boolean supportedLocation = parameter.getIn() == Location.PATH || parameter.getIn() == Location.QUERY;
      boolean supportedArray = type != Type.STRING_ARRAY || parameter.isExplode() && isStringArray(schema);
      if (type == null || !supportedLocation || !supportedArray) {
        throw new IllegalStateException("Parameter " + parameter.getName() + " of " + operationId
            + " has a schema that the parameter reader does not support: " + parameter.getIn() + " " + declared);
      }
      return new Definition(parameter.getName(), parameter.getIn(), parameter.isRequired(), type,
          number(schema.get("minimum")), number(schema.get("maximum")));
    }

    private static boolean isStringArray(JsonSchema schema) {
      Object items = schema.get("items");
      JsonObject json = items instanceof JsonObject object ? object : null;
      return json != null && "string".equals(json.getString("type"));
    }

    private static Long number(Object value) {
      return value instanceof Number number ? number.longValue() : null;
    }

    /** Returns the typed value, or null when absent or invalid (then with an error added). */
    Object convert(List<String> values, List<FieldError> errors) {
      if (values.isEmpty()) {
        if (required) {
          errors.add(new FieldError(name, "The " + location.toString().toLowerCase(Locale.ROOT) + " parameter " + name
              + " is required."));
        }
        return null;
      }
      if (type == Type.STRING_ARRAY) {
        return new JsonArray(new ArrayList<>(values));
      }
      if (values.size() > 1) {
        errors.add(new FieldError(name, name + " was given " + values.size() + " times; send it once."));
        return null;
      }
      String text = values.get(0);
      return switch (type) {
        case UUID -> uuid(text, errors);
        case INTEGER -> integer(text, errors);
        case BOOLEAN -> bool(text, errors);
        default -> text;
      };
    }

    private String uuid(String text, List<FieldError> errors) {
      try {
        return UUID.fromString(text).toString();
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(name, name + " must be a UUID such as 3f2b8c1e-0000-4000-8000-000000000000; got '"
            + text + "'."));
        return null;
      }
    }

    private Integer integer(String text, List<FieldError> errors) {
      long value;
      try {
        value = Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        errors.add(new FieldError(name, name + " must be an integer; got '" + text + "'."));
        return null;
      }
      if (minimum != null && value < minimum) {
        errors.add(new FieldError(name, name + " must be at least " + minimum + "; got " + value + "."));
        return null;
      }
      if (maximum != null && value > maximum || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
        long bound = maximum != null ? maximum : Integer.MAX_VALUE;
        errors.add(new FieldError(name, name + " must be at most " + bound + "; got " + value + "."));
        return null;
      }
      return (int) value;
    }

    private Boolean bool(String text, List<FieldError> errors) {
      if ("true".equalsIgnoreCase(text)) {
        return true;
      }
      if ("false".equalsIgnoreCase(text)) {
        return false;
      }
      errors.add(new FieldError(name, name + " must be true or false; got '" + text + "'."));
      return null;
    }
  }
}
