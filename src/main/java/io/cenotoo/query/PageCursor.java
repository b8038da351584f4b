package io.cenotoo.query;

import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Position after the last record of a page: its partition (day, key) and clustering key (timestamp,
 * record id), plus a fingerprint of the query so a cursor cannot be replayed with other filters.
 * Encoded as URL-safe Base64 of a small JSON object; clients treat it as opaque.
 */
record PageCursor(LocalDate day, String key, Instant timestamp, UUID recordId, String fingerprint) {

  String encode() {
    JsonObject json = new JsonObject()
        .put("d", day.toString())
        .put("k", key)
        .put("t", timestamp.toEpochMilli())
        .put("r", recordId.toString())
        .put("f", fingerprint);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  static PageCursor decode(String text, String expectedFingerprint) {
    PageCursor cursor;
    try {
      JsonObject json = new JsonObject(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
      cursor = new PageCursor(LocalDate.parse(json.getString("d")), json.getString("k"),
          Instant.ofEpochMilli(json.getLong("t")), UUID.fromString(json.getString("r")), json.getString("f"));
    } catch (RuntimeException e) {
      throw invalid("The cursor is malformed; pass the next_cursor of the previous page unchanged.");
    }
    if (cursor.key() == null || !expectedFingerprint.equals(cursor.fingerprint())) {
      throw invalid("The cursor belongs to a query with other filters; repeat the parameters of the first page.");
    }
    return cursor;
  }

  private static ApiException invalid(String message) {
    return ApiException.invalid(message, List.of(new FieldError("cursor", message)));
  }
}
