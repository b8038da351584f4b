package io.cenotoo.admin;

import io.cenotoo.bus.Principal;
import io.cenotoo.bus.Replies;
import io.cenotoo.bus.Requests;
import io.cenotoo.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/** Project API keys: create, list without secrets, and resolve a presented key. */
final class KeyOperations {

  private static final String ALL = "all";

  private final MetadataStore store;
  private final ProjectOperations projects;
  private final ApiKeys apiKeys;

  KeyOperations(MetadataStore store, ProjectOperations projects, ApiKeys apiKeys) {
    this.store = store;
    this.projects = projects;
    this.apiKeys = apiKeys;
  }

  Future<Object> create(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    KeyType type = KeyType.parse(Requests.body(request).getString("key_type"));
    if (type == null) {
      throw ApiException.badRequest("key_type must be read, write or master.");
    }
    String key = ApiKeys.generate();
    String hash = apiKeys.hash(key);
    UUID id = UUID.randomUUID();
    Instant createdAt = MetadataStore.now();

    return projects.requireProject(projectId)
        .compose(project -> store.write("key.put", hash, id, projectId, type.label(), ApiKeys.prefix(key), createdAt))
        .compose(v -> store.write("key.byProject.put", projectId, id, hash, type.label(), ApiKeys.prefix(key), createdAt))
        .map(v -> new Replies.Created(new JsonObject()
            .put("api_key", key)
            .put("key_id", id.toString())
            .put("project_id", projectId.toString())
            .put("key_type", type.label())
            .put("key_prefix", ApiKeys.prefix(key))
            .put("created_at", Views.instant(createdAt))));
  }

  Future<Object> list(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    String category = Requests.query(request).getString("key_category", ALL);

    return projects.requireProject(projectId)
        .compose(project -> store.all("key.byProject.list", projectId))
        .map(rows -> {
          JsonArray keys = new JsonArray();
          rows.stream()
              .filter(row -> ALL.equals(category) || category.equals(row.getString("key_type")))
              .sorted(Comparator.comparing(row -> row.getInstant("created_at")))
              .forEach(row -> keys.add(Views.key(row)));
          return keys;
        });
  }

  /** Resolves the HMAC of a presented key to its principal, or fails with 404. */
  Future<Object> resolve(JsonObject request) {
    String hash = request.getString("hash");
    return store.one("key.get", hash).map(row -> {
      if (row == null) {
        throw ApiException.notFound("Unknown API key.");
      }
      return Principal.apiKey(row.getUuid("id"), row.getUuid("project_id"), KeyType.parse(row.getString("key_type")))
          .toJson();
    });
  }
}
