package io.cenotoo.query;

import io.cenotoo.bus.Requests;
import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.cenotoo.schema.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The checked body of delete_data: an optional key and an optional inclusive time range, at least
 * one of them given. Absent bounds become the earliest and latest storable instants.
 */
record DeleteCriteria(String key, Instant from, Instant to, JsonObject echo) {

  static DeleteCriteria parse(JsonObject request) {
    JsonObject body = Requests.body(request);
    List<FieldError> errors = new ArrayList<>();
    String key = text(body, "key", errors);
    String fromText = text(body, "timestamp_from", errors);
    String toText = text(body, "timestamp_to", errors);
    Instant from = Timestamps.parseParameter(fromText, "timestamp_from", errors);
    Instant to = Timestamps.parseParameter(toText, "timestamp_to", errors);
    if (errors.isEmpty() && key == null && from == null && to == null) {
      errors.add(new FieldError("", "Give at least one of key, timestamp_from and timestamp_to; deleting every "
          + "record of a collection needs an explicit criterion."));
    }
    if (from != null && to != null && from.isAfter(to)) {
      errors.add(new FieldError("timestamp_from", "timestamp_from must not be after timestamp_to."));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid("Invalid delete_data criteria; see errors.", errors);
    }
    JsonObject echo = new JsonObject().put("key", key).put("timestamp_from", fromText).put("timestamp_to", toText);
    return new DeleteCriteria(key, from == null ? DataQuery.MIN_TIME : from, to == null ? DataQuery.MAX_TIME : to, echo);
  }

  private static String text(JsonObject body, String field, List<FieldError> errors) {
    Object value = body.getValue(field);
    if (value == null || value instanceof String) {
      String text = (String) value;
      return text == null || text.isEmpty() ? null : text;
    }
    errors.add(new FieldError(field, field + " must be a string or null; got " + value + "."));
    return null;
  }

}
