package io.cenotoo.error;

import io.vertx.core.json.JsonObject;

/**
 * One violated rule of a request: the field (a JSON path such as {@code loc.lat} or
 * {@code [3].timestamp}) and a sentence saying what is wrong and what is expected.
 */
public record FieldError(String field, String message) {

  public JsonObject toJson() {
    return new JsonObject().put("field", field).put("message", message);
  }

  public static FieldError fromJson(JsonObject json) {
    return new FieldError(json.getString("field"), json.getString("message"));
  }
}
