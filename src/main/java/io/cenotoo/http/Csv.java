package io.cenotoo.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** RFC 4180 rows: fields with a comma, quote or line break are quoted, quotes doubled; null is empty. */
final class Csv {

  private Csv() {
  }

  static String row(List<?> values) {
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        row.append(',');
      }
      row.append(field(values.get(i)));
    }
    return row.append("\r\n").toString();
  }

  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String text = value instanceof JsonArray || value instanceof JsonObject ? value.toString() : String.valueOf(value);
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
