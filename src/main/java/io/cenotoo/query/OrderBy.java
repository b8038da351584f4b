package io.cenotoo.query;

import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.Column;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The get_data {@code order_by} parameter: a property (schema column, key or timestamp) and a direction. */
record OrderBy(String property, boolean descending) {

  private static final String PARAMETER = "order_by";

  /** Parses {@code {"field": "<field>", "order": "asc"|"desc"}}; returns null when the text is absent. */
  static OrderBy parse(String text, CollectionSchema schema) {
    if (text == null || text.isBlank()) {
      return null;
    }
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw invalid("order_by must be a JSON object such as {\"field\": \"value\", \"order\": \"desc\"}; got '"
          + text + "'.");
    }
    Object field = json.getValue("field");
    if (!(field instanceof String property)) {
      throw invalid("order_by.field must name key, timestamp or a schema column.");
    }
    if (!property.equals("key") && !property.equals("timestamp")) {
      Column column = schema.column(property);
      if (column == null || column.list()) {
        throw invalid("order_by.field '" + property + "' is not key, timestamp or a non-list schema column "
            + schema.columns().stream().filter(c -> !c.list()).map(Column::name).toList() + ".");
      }
    }
    Object order = json.getValue("order", "asc");
    if (!(order instanceof String direction) || !(direction.equalsIgnoreCase("asc") || direction.equalsIgnoreCase("desc"))) {
      throw invalid("order_by.order must be asc or desc; got " + order + ".");
    }
    return new OrderBy(property, direction.equalsIgnoreCase("desc"));
  }

  private static ApiException invalid(String message) {
    return ApiException.invalid("Invalid order_by; see errors.", List.of(new FieldError(PARAMETER, message)));
  }
}
