package io.cenotoo.schema;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Helpers for values parsed from JSON, which Vert.x may hold as raw maps and lists. */
final class JsonValues {

  /** Maximum number of characters of a string that an error message quotes. */
  private static final int MAX_QUOTED_LENGTH = 40;

  private JsonValues() {}

  /** Returns the object, wrapping a raw map, or null when the value is not a JSON object. */
  @SuppressWarnings("unchecked")
  static JsonObject asObject(Object value) {
    if (value instanceof JsonObject object) {
      return object;
    }
    if (value instanceof Map<?, ?> map) {
      return new JsonObject((Map<String, Object>) map);
    }
    return null;
  }

  /** Returns the array, wrapping a raw list, or null when the value is not a JSON array. */
  static JsonArray asArray(Object value) {
    if (value instanceof JsonArray array) {
      return array;
    }
    if (value instanceof List<?> list) {
      return new JsonArray(list);
    }
    return null;
  }

  /** Describes a received value for an error message, such as {@code the number 25.5}. */
  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String text) {
      if (text.length() <= MAX_QUOTED_LENGTH) {
        return "the string " + Json.encode(text);
      }
      String start = Json.encode(text.substring(0, MAX_QUOTED_LENGTH));
      return "the string " + start.substring(0, start.length() - 1) + "...\" (" + text.length()
          + " characters)";
    }
    if (value instanceof Boolean) {
      return "the boolean " + value;
    }
    if (value instanceof Number) {
      return "the number " + value;
    }
    if (value instanceof JsonObject || value instanceof Map) {
      return "an object";
    }
    if (value instanceof JsonArray || value instanceof List) {
      return "an array";
    }
    return "a value of type " + value.getClass().getSimpleName();
  }
}
