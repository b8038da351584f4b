package io.cenotoo.admin;

import io.cenotoo.bus.Principal;
import io.cenotoo.bus.Replies;
import io.cenotoo.bus.Requests;
import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Project API keys: create, list without secrets, regenerate, delete, and resolve a presented key.
 * HTTP nodes cache resolved keys for {@code API_KEY_CACHE_SECONDS}, so a deleted or regenerated key
 * stops working within that time.
 */
final class KeyOperations {

  static final String ALL = "all";

  private final MetadataStore store;
  private final ProjectOperations projects;
  private final ApiKeys apiKeys;
  /** Told the hash of every key that stops working, so every API node can drop it from its cache. */
  private final Consumer<String> removed;

  KeyOperations(MetadataStore store, ProjectOperations projects, ApiKeys apiKeys, Consumer<String> removed) {
    this.removed = removed;
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

  /** Replaces the secret of a key of this project; the key keeps its id and type. */
  Future<Object> regenerate(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    String oldKey = Requests.body(request).getString("key_value");
    String key = ApiKeys.generate();
    String hash = apiKeys.hash(key);
    Instant createdAt = MetadataStore.now();

    return projects.requireProject(projectId)
        .compose(project -> requireKey(projectId, oldKey))
        .compose(old -> {
          UUID id = old.getUuid("id");
          String type = old.getString("key_type");
          return store.write("key.put", hash, id, projectId, type, ApiKeys.prefix(key), createdAt)
              .compose(v -> store.write("key.byProject.put", projectId, id, hash, type, ApiKeys.prefix(key), createdAt))
              .compose(v -> store.write("key.delete", old.getString("hash")))
              .onSuccess(v -> removed.accept(old.getString("hash")))
              .map(v -> new JsonObject()
                  .put("api_key", key)
                  .put("key_id", id.toString())
                  .put("project_id", projectId.toString())
                  .put("key_type", type)
                  .put("key_prefix", ApiKeys.prefix(key))
                  .put("created_at", Views.instant(createdAt)));
        });
  }

  Future<Object> deleteOne(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    String key = Requests.body(request).getString("key_value");

    return projects.requireProject(projectId)
        .compose(project -> requireKey(projectId, key))
        .compose(row -> deleteRow(projectId, row.getUuid("id"), row.getString("hash")))
        .map(v -> new JsonObject().put("message", "Key deleted successfully."));
  }

  Future<Object> deleteByCategory(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    String category = Requests.query(request).getString("key_category");
    if (!ALL.equals(category) && KeyType.parse(category) == null) {
      throw ApiException.invalid("Invalid key_category '" + category + "'.",
          List.of(new FieldError("key_category", "Use read, write, master or all.")));
    }

    return projects.requireProject(projectId)
        .compose(project -> deleteMatching(projectId, category))
        .map(deleted -> new JsonObject().put("message", "Keys deleted successfully.").put("deleted_count", deleted));
  }

  /** Deletes the project's keys of a type, or all of them for {@code all}, and succeeds with their number. */
  Future<Integer> deleteMatching(UUID projectId, String category) {
    return store.all("key.byProject.list", projectId).compose(rows -> {
      List<Row> matching = rows.stream()
          .filter(row -> ALL.equals(category) || category.equals(row.getString("key_type")))
          .toList();
      List<Future<Void>> deletions = matching.stream()
          .map(row -> deleteRow(projectId, row.getUuid("id"), row.getString("hash")))
          .toList();
      return Future.all(deletions).map(done -> matching.size());
    });
  }

  /** Deletes the lookup row first, so the key stops resolving even if the listing row survives a failure. */
  private Future<Void> deleteRow(UUID projectId, UUID id, String hash) {
    return store.write("key.delete", hash)
        .onSuccess(v -> removed.accept(hash))
        .compose(v -> store.write("key.byProject.delete", projectId, id));
  }

  /** Succeeds with the key's lookup row, or fails with 404 when it is not a key of the project. */
  private Future<Row> requireKey(UUID projectId, String key) {
    if (!ApiKeys.isWellFormed(key)) {
      return Future.failedFuture(ApiException.invalid("key_value must be a key of 64 lowercase hexadecimal characters.",
          List.of(new FieldError("key_value", "Send the key itself, as returned when it was created."))));
    }
    return store.one("key.get", apiKeys.hash(key)).map(row -> {
      if (row == null || !projectId.equals(row.getUuid("project_id"))) {
        throw ApiException.notFound("The key is not a key of project " + projectId + ".");
      }
      return row;
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
