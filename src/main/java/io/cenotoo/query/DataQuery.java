package io.cenotoo.query;

import io.cenotoo.bus.Requests;
import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.cenotoo.filter.Filter;
import io.cenotoo.filter.FilterParser;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.Column;
import io.cenotoo.schema.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The checked parameters of one get_data request.
 *
 * @param filter the parsed {@code filters}, or null
 * @param filterText the {@code filters} text as sent, part of the cursor fingerprint, or null
 * @param orderBy the parsed {@code order_by}, or null for storage order
 */
record DataQuery(List<Column> columns, boolean nested, int offset, int limit, String key, Instant start, Instant end,
    PageCursor cursor, Filter filter, String filterText, OrderBy orderBy, boolean includeTotal) {

  /** Largest {@code offset + limit} with {@code order_by}, which bounds the records held in memory. */
  static final int MAX_ORDERED_ROWS = 10_000;

  /** Earliest and latest instants a Cassandra timestamp column holds for years 0001 to 9999. */
  static final Instant MIN_TIME = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

  static DataQuery parse(JsonObject request, CollectionSchema schema, int defaultLimit, int maxLimit) {
    JsonObject query = Requests.query(request);
    List<FieldError> errors = new ArrayList<>();

    List<Column> columns = columns(query.getJsonArray("attributes"), schema, errors);
    int offset = query.getInteger("offset", 0);
    int limit = query.getInteger("limit", defaultLimit);
    if (limit > maxLimit) {
      errors.add(new FieldError("limit", "limit must be at most " + maxLimit + "; got " + limit
          + ". Use next_cursor to read further pages."));
    }
    Instant start = Timestamps.parseParameter(query.getString("start_time"), "start_time", errors);
    Instant end = Timestamps.parseParameter(query.getString("end_time"), "end_time", errors);
    if (start != null && end != null && start.isAfter(end)) {
      errors.add(new FieldError("start_time", "start_time must not be after end_time."));
    }
    String key = query.getString("key");

    String cursorText = query.getString("cursor");
    if (cursorText != null && offset != 0) {
      errors.add(new FieldError("offset", "offset applies to the first page only; omit it when passing a cursor."));
    }

    String filterText = query.getString("filters");
    Filter filter = null;
    try {
      filter = FilterParser.parse(filterText, schema);
    } catch (ApiException e) {
      errors.addAll(e.errors());
    }
    OrderBy orderBy = null;
    try {
      orderBy = OrderBy.parse(query.getString("order_by"), schema);
    } catch (ApiException e) {
      errors.addAll(e.errors());
    }
    if (orderBy != null && cursorText != null) {
      errors.add(new FieldError("cursor", "cursor does not apply with order_by; page with offset and limit."));
    }
    if (orderBy != null && (long) offset + limit > MAX_ORDERED_ROWS) {
      errors.add(new FieldError("offset", "With order_by, offset + limit must be at most " + MAX_ORDERED_ROWS
          + "; got " + ((long) offset + limit) + ". Narrow the time range or the filters."));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid("Invalid get_data parameters; see errors.", errors);
    }

    String fingerprint = fingerprint(key, start, end, filterText);
    PageCursor cursor = cursorText == null ? null : PageCursor.decode(cursorText, fingerprint);
    return new DataQuery(columns, query.getBoolean("nested", true), offset, limit, key,
        start == null ? MIN_TIME : start, end == null ? MAX_TIME : end, cursor, filter, filterText, orderBy,
        query.getBoolean("include_total", false));
  }

  /** Returns this query from the first record on, with its filters and time range, for counting every match. */
  DataQuery fromStart() {
    return new DataQuery(columns, nested, 0, limit, key, start, end, null, filter, filterText, null, false);
  }

  String fingerprint() {
    return fingerprint(key, start.equals(MIN_TIME) ? null : start, end.equals(MAX_TIME) ? null : end, filterText);
  }

  /** Hashes the parameters that select records, so a cursor cannot continue a query with other ones. */
  private static String fingerprint(String key, Instant start, Instant end, String filterText) {
    return Integer.toHexString(Objects.hash(key, start, end, filterText));
  }

  private static List<Column> columns(JsonArray attributes, CollectionSchema schema, List<FieldError> errors) {
    if (attributes == null || attributes.isEmpty()) {
      return schema.columns();
    }
    Set<String> names = new LinkedHashSet<>();
    attributes.forEach(name -> names.add(String.valueOf(name)));
    List<Column> columns = new ArrayList<>();
    for (String name : names) {
      if (name.equals("key") || name.equals("timestamp") || name.equals("day") || name.equals("record_id")) {
        continue;
      }
      Column column = schema.column(name);
      if (column == null) {
        errors.add(new FieldError("attributes", "Unknown attribute '" + name + "'; the schema's columns are "
            + schema.columns().stream().map(Column::name).toList() + "."));
      } else {
        columns.add(column);
      }
    }
    return columns;
  }

}
