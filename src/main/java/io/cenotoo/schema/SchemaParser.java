package io.cenotoo.schema;

import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses a schema definition into a field tree, collecting every problem before it fails, so a
 * user can fix all of them in one round.
 */
final class SchemaParser {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private final List<FieldError> errors = new ArrayList<>();
  private final List<Column> columns = new ArrayList<>();

  private SchemaParser() {}

  static CollectionSchema parse(JsonObject definition) {
    if (definition == null) {
      throw invalid(List.of(new FieldError("", "The collection schema is missing; send a JSON object"
          + " that maps field names to types, such as {\"sensor\": \"text\"}.")));
    }
    SchemaParser parser = new SchemaParser();
    JsonObject normalized = new JsonObject();
    List<SchemaNode> fields = parser.parseGroup(definition, List.of(), normalized);
    parser.checkColumnCount();
    if (!parser.errors.isEmpty()) {
      throw invalid(parser.errors);
    }
    return new CollectionSchema(fields, parser.columns, normalized);
  }

  private static ApiException invalid(List<FieldError> errors) {
    int count = errors.size();
    String detail = "Invalid collection_schema: " + count + (count == 1 ? " problem" : " problems")
        + "; see errors.";
    return ApiException.invalid(detail, errors);
  }

  private void checkColumnCount() {
    if (columns.isEmpty() && errors.isEmpty()) {
      error("", "The schema declares no fields; declare at least one, such as {\"sensor\": \"text\"}.");
    }
    if (columns.size() > CollectionSchema.MAX_COLUMNS) {
      error("", "The schema declares " + columns.size() + " columns after flattening nested fields;"
          + " the maximum is " + CollectionSchema.MAX_COLUMNS + ".");
    }
  }

  /** Parses the members of one JSON object and writes their normalised form into {@code normalized}. */
  private List<SchemaNode> parseGroup(JsonObject group, List<String> parentPath, JsonObject normalized) {
    boolean topLevel = parentPath.isEmpty();
    List<SchemaNode> nodes = new ArrayList<>();
    Map<String, String> namesByLowerCase = new HashMap<>();
    for (String name : group.fieldNames()) {
      Object type = group.getValue(name);
      if (topLevel && name.equals("key") && "text".equals(type)) {
        // Older clients declare the key column themselves; the service adds it in any case.
        continue;
      }
      List<String> path = append(parentPath, name);
      boolean nameValid = checkName(name, path, topLevel, namesByLowerCase);
      SchemaNode node = parseType(type, path, nameValid, normalized);
      if (node != null && nameValid) {
        nodes.add(node);
      }
    }
    return nodes;
  }

  /** Reports every problem with a field name and returns whether the name can be used. */
  private boolean checkName(String name, List<String> path, boolean topLevel,
      Map<String, String> namesByLowerCase) {
    String jsonPath = String.join(".", path);
    if (name.indexOf('$') >= 0) {
      error(jsonPath, "Field name '" + name + "' contains '$', which is reserved for the columns of"
          + " nested fields; use only letters, digits and '_'.");
      return false;
    }
    if (!NAME.matcher(name).matches()) {
      error(jsonPath, "Field name '" + name + "' is invalid; a name must start with a letter and"
          + " contain only letters, digits and '_'.");
      return false;
    }
    String lowerCase = name.toLowerCase(Locale.ROOT);
    if (topLevel && CollectionSchema.RESERVED_NAMES.contains(lowerCase)) {
      error(jsonPath, reservedNameMessage(name));
      return false;
    }
    String earlier = namesByLowerCase.putIfAbsent(lowerCase, name);
    if (earlier != null) {
      error(jsonPath, "Field name '" + name + "' differs from '" + earlier + "' only in case;"
          + " use names that differ in more than letter case.");
      return false;
    }
    String columnName = String.join("$", path);
    if (columnName.length() > CollectionSchema.MAX_COLUMN_NAME_LENGTH) {
      error(jsonPath, "Field '" + jsonPath + "' flattens to the column name '" + columnName + "' of "
          + columnName.length() + " characters; the maximum is "
          + CollectionSchema.MAX_COLUMN_NAME_LENGTH + ", counting one '$' between nested names.");
      return false;
    }
    return true;
  }

  private static String reservedNameMessage(String name) {
    String message = "Field name '" + name + "' is reserved at the top level (reserved names are"
        + " key, timestamp, day and record_id, in any letter case) because the service adds these"
        + " columns itself; rename the field";
    if (name.equals("key")) {
      return message + ", or declare key as \"text\" to have it ignored.";
    }
    return message + ".";
  }

  /**
   * Parses one type declaration. Returns null when it is invalid or when {@code nameValid} is false,
   * but still reports the problems of a nested group so that every error is listed at once.
   */
  private SchemaNode parseType(Object type, List<String> path, boolean nameValid,
      JsonObject normalized) {
    String name = path.get(path.size() - 1);
    String jsonPath = String.join(".", path);
    if (type instanceof String typeName) {
      FieldType fieldType = FieldType.fromTypeName(typeName);
      if (fieldType == null) {
        error(jsonPath, "Unknown type '" + typeName + "'; use one of " + FieldType.TYPE_NAMES
            + ", a nested object, or a one-element list such as [\"int\"].");
        return null;
      }
      normalized.put(name, fieldType.typeName());
      return leaf(path, fieldType, false, nameValid);
    }
    if (type instanceof JsonObject group) {
      if (group.isEmpty()) {
        error(jsonPath, "Nested object '" + jsonPath + "' declares no fields; declare at least one"
            + " field in it or use a type name such as \"text\".");
        return null;
      }
      JsonObject normalizedGroup = new JsonObject();
      normalized.put(name, normalizedGroup);
      if (!nameValid) {
        // A bad group name would only repeat itself in every child's error, so skip the children.
        return null;
      }
      List<SchemaNode> children = parseGroup(group, path, normalizedGroup);
      return new SchemaNode.Group(name, jsonPath, children);
    }
    if (type instanceof JsonArray list) {
      return parseListType(list, path, nameValid, normalized);
    }
    error(jsonPath, "Type of field '" + jsonPath + "' must be a type name (" + FieldType.TYPE_NAMES
        + "), a nested object, or a one-element list such as [\"int\"]; got "
        + JsonValues.describe(type) + ".");
    return null;
  }

  private SchemaNode parseListType(JsonArray list, List<String> path, boolean nameValid,
      JsonObject normalized) {
    String jsonPath = String.join(".", path);
    if (list.size() != 1) {
      error(jsonPath, "List type of field '" + jsonPath + "' must be a one-element array holding the"
          + " element type, such as [\"int\"]; got " + list.size() + " elements.");
      return null;
    }
    Object element = list.getValue(0);
    if (element instanceof JsonObject) {
      error(jsonPath, "Field '" + jsonPath + "' is a list of objects, which is not supported; use a"
          + " nested object or a list of one of " + FieldType.TYPE_NAMES + ", such as [\"text\"].");
      return null;
    }
    if (element instanceof JsonArray) {
      error(jsonPath, "Field '" + jsonPath + "' is a list of lists, which is not supported; use a"
          + " list of one of " + FieldType.TYPE_NAMES + ", such as [\"int\"].");
      return null;
    }
    FieldType elementType = element instanceof String typeName ? FieldType.fromTypeName(typeName) : null;
    if (elementType == null) {
      String got = element instanceof String ? "'" + element + "'" : JsonValues.describe(element);
      error(jsonPath, "Unknown list element type " + got + "; use a one-element list of one of "
          + FieldType.TYPE_NAMES + ", such as [\"int\"].");
      return null;
    }
    normalized.put(path.get(path.size() - 1), new JsonArray().add(elementType.typeName()));
    return leaf(path, elementType, true, nameValid);
  }

  private SchemaNode leaf(List<String> path, FieldType type, boolean list, boolean nameValid) {
    if (!nameValid) {
      return null;
    }
    Column column = new Column(String.join("$", path), path, type, list);
    columns.add(column);
    return new SchemaNode.Leaf(path.get(path.size() - 1), column.jsonPath(), column);
  }

  private void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  private static List<String> append(List<String> path, String name) {
    List<String> result = new ArrayList<>(path.size() + 1);
    result.addAll(path);
    result.add(name);
    return List.copyOf(result);
  }
}
