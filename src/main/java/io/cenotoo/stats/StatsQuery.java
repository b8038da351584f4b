package io.cenotoo.stats;

import io.cenotoo.bus.Requests;
import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.cenotoo.filter.Filter;
import io.cenotoo.filter.FilterParser;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.Column;
import io.cenotoo.schema.FieldType;
import io.cenotoo.schema.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The checked parameters of one statistics request.
 *
 * @param attribute the field the stat reads; null only for {@code count}, which then counts records
 * @param descending null to order by group then bucket, else the direction of ordering by value
 * @param limit most rows returned, or null for all
 */
record StatsQuery(String attribute, FieldType attributeType, Stat stat, Buckets buckets, Instant start, Instant end,
    String groupBy, Boolean descending, Integer limit, Filter filter) {

  /** The interval used when the request has none: one calendar day in the request's time zone. */
  static final String DEFAULT_INTERVAL = "every_1_days";
  static final Instant MIN_TIME = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

  /** Returns the output field of the stat, such as {@code avg_temp_max}, or {@code count} for record counts. */
  String outputField() {
    return attribute == null ? stat.label() : stat.label() + "_" + attribute;
  }

  /** Returns whether the rows' group is their key, so Cassandra can aggregate per partition. */
  boolean groupsByKey() {
    return groupBy.equals("key");
  }

  static StatsQuery parse(JsonObject request, CollectionSchema schema) {
    JsonObject query = Requests.query(request);
    List<FieldError> errors = new ArrayList<>();

    String statText = query.getString("stat", "avg");
    Stat stat = Stat.parse(statText);
    if (stat == null) {
      errors.add(new FieldError("stat", "Unknown stat '" + statText + "'; use one of " + Stat.NAMES + "."));
    }

    String attribute = query.getString("attribute");
    FieldType attributeType = attributeType(attribute, stat, schema, errors);

    ZoneId zone = zone(query.getString("tz"), errors);
    String interval = query.getString("interval", DEFAULT_INTERVAL);
    Buckets buckets = Buckets.parse(interval, zone == null ? ZoneOffset.UTC : zone);
    if (buckets == null) {
      errors.add(new FieldError("interval", "interval must be every_N_<unit> with N from 1 to " + Buckets.MAX_COUNT
          + " and unit minute(s), hour(s), day(s), week(s) or month(s), such as every_1_hours; got '" + interval + "'."));
    }

    Instant start = Timestamps.parseParameter(query.getString("start_time"), "start_time", errors);
    Instant end = Timestamps.parseParameter(query.getString("end_time"), "end_time", errors);
    if (start != null && end != null && start.isAfter(end)) {
      errors.add(new FieldError("start_time", "start_time must not be after end_time."));
    }

    String groupBy = query.getString("group_by", "key");
    checkGroupBy(groupBy, schema, errors);
    Boolean descending = order(query.getString("order"), errors);
    Integer limit = query.getInteger("limit");
    if (limit != null && limit < 1) {
      errors.add(new FieldError("limit", "limit must be at least 1; got " + limit + "."));
    }

    Filter filter = null;
    try {
      filter = FilterParser.parse(query.getString("filters"), schema);
    } catch (ApiException e) {
      errors.addAll(e.errors());
    }

    if (!errors.isEmpty()) {
      throw ApiException.invalid("Invalid statistics parameters; see errors.", errors);
    }
    return new StatsQuery(attribute, attributeType, stat, buckets, start == null ? MIN_TIME : start,
        end == null ? MAX_TIME : end, groupBy, descending, limit, filter);
  }

  private static FieldType attributeType(String attribute, Stat stat, CollectionSchema schema, List<FieldError> errors) {
    if (attribute == null) {
      if (stat != null && stat != Stat.COUNT) {
        errors.add(new FieldError("attribute", "attribute is required for stat=" + stat.label()
            + "; name a field of the schema."));
      }
      return null;
    }
    if (attribute.equals("key")) {
      checkScalarStat(attribute, FieldType.TEXT, stat, errors);
      return FieldType.TEXT;
    }
    Column column = schema.column(attribute);
    if (column == null) {
      errors.add(new FieldError("attribute", "Unknown field '" + attribute + "'; use key or one of the schema's columns "
          + schema.columns().stream().map(Column::name).toList() + "."));
      return null;
    }
    if (column.list() && stat != Stat.COUNT) {
      errors.add(new FieldError("attribute", "'" + attribute + "' is a list; only stat=count applies to lists."));
      return null;
    }
    checkScalarStat(attribute, column.type(), stat, errors);
    return column.type();
  }

  private static void checkScalarStat(String attribute, FieldType type, Stat stat, List<FieldError> errors) {
    if (stat != null && stat.isNumeric() && type != FieldType.INT && type != FieldType.FLOAT) {
      errors.add(new FieldError("attribute", "stat=" + stat.label() + " needs an int or float field; '" + attribute
          + "' is " + type.typeName() + ". Use count or distinct for it."));
    }
  }

  private static void checkGroupBy(String groupBy, CollectionSchema schema, List<FieldError> errors) {
    if (groupBy.equals("key")) {
      return;
    }
    Column column = schema.column(groupBy);
    if (column == null || column.list()) {
      errors.add(new FieldError("group_by", "group_by must be key or a non-list field of the schema "
          + schema.columns().stream().filter(c -> !c.list()).map(Column::name).toList() + "; got '" + groupBy + "'."));
    }
  }

  private static ZoneId zone(String text, List<FieldError> errors) {
    if (text == null) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      errors.add(new FieldError("tz", "tz must be an IANA time zone such as Europe/Athens or UTC; got '" + text + "'."));
      return null;
    }
  }

  private static Boolean order(String text, List<FieldError> errors) {
    if (text == null) {
      return null;
    }
    if (text.equalsIgnoreCase("asc")) {
      return false;
    }
    if (text.equalsIgnoreCase("desc")) {
      return true;
    }
    errors.add(new FieldError("order", "order must be asc or desc; got '" + text + "'."));
    return null;
  }

}
