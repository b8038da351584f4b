package io.cenotoo.admin;

import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.schema.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** JSON views of metadata rows, with the response field names of the reference API. */
final class Views {

  private Views() {
  }

  static JsonObject organization(Row row) {
    return new JsonObject()
        .put("organization_id", row.getUuid("id").toString())
        .put("organization_name", row.getString("name"))
        .put("description", row.getString("description"))
        .put("tags", tags(row))
        .put("creation_date", instant(row.getInstant("creation_date")));
  }

  static JsonObject project(Row project, Row organization) {
    return new JsonObject()
        .put("organization_id", project.getUuid("organization_id").toString())
        .put("organization_name", organization == null ? null : organization.getString("name"))
        .put("project_id", project.getUuid("id").toString())
        .put("project_name", project.getString("name"))
        .put("description", project.getString("description"))
        .put("tags", tags(project))
        .put("creation_date", instant(project.getInstant("creation_date")));
  }

  static JsonObject key(Row row) {
    return new JsonObject()
        .put("key_id", row.getUuid("id").toString())
        .put("project_id", row.getUuid("project_id").toString())
        .put("key_type", row.getString("key_type"))
        .put("key_prefix", row.getString("prefix"))
        .put("created_at", instant(row.getInstant("created_at")));
  }

  static JsonObject page(JsonArray items, long total, int offset, int limit) {
    return new JsonObject().put("items", items).put("total", total).put("offset", offset).put("limit", limit);
  }

  static String instant(Instant instant) {
    return instant == null ? null : Timestamps.formatTimestamp(instant);
  }

  private static JsonArray tags(Row row) {
    List<String> tags = row.getList("tags", String.class);
    return new JsonArray(tags == null ? List.of() : List.copyOf(tags));
  }
}
