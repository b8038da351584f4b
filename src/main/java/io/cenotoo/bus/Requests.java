package io.cenotoo.bus;

import io.cenotoo.error.ApiException;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Reads the parts of a forwarded request: {@code {"path": {...}, "query": {...}, "body": ...}}. */
public final class Requests {

  private Requests() {
  }

  public static UUID pathUuid(JsonObject request, String name) {
    String value = request.getJsonObject("path", new JsonObject()).getString(name);
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiException.badRequest("Path parameter " + name + " must be a UUID; got '" + value + "'.");
    }
  }

  public static JsonObject query(JsonObject request) {
    return request.getJsonObject("query", new JsonObject());
  }

  public static JsonObject body(JsonObject request) {
    Object body = request.getValue("body");
    if (body instanceof JsonObject json) {
      return json;
    }
    throw ApiException.badRequest("The request body must be a JSON object.");
  }

  public static Principal principal(Message<?> message) {
    String header = message.headers().get(Headers.PRINCIPAL);
    return header == null ? null : Principal.fromJson(new JsonObject(header));
  }
}
