package io.cenotoo.admin;

import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.bus.Replies;
import io.cenotoo.bus.Requests;
import io.cenotoo.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** Projects of the served organization: create, list, read and update. */
final class ProjectOperations {

  private final MetadataStore store;
  private final UUID organizationId;

  ProjectOperations(MetadataStore store, UUID organizationId) {
    this.store = store;
    this.organizationId = organizationId;
  }

  Future<Object> create(JsonObject request) {
    JsonObject body = Requests.body(request);
    String name = Names.require("project_name", body.getString("project_name"));
    UUID id = UUID.randomUUID();

    return store.claim("project.claimName", organizationId, name, id)
        .compose(claimed -> {
          if (!claimed) {
            throw ApiException.conflict("A project named '" + name + "' already exists; choose another name.");
          }
          return store.write("project.put", organizationId, id, name, body.getString("description"),
              stringList(body.getJsonArray("tags")), MetadataStore.now());
        })
        .map(v -> new Replies.Created(new JsonObject()
            .put("message", "Project " + name + " created successfully")
            .put("project_id", id.toString())
            .put("id", new JsonObject().put("project_id", id.toString()))));
  }

  Future<Object> list(JsonObject request) {
    JsonObject query = Requests.query(request);
    int offset = query.getInteger("offset", 0);
    int limit = query.getInteger("limit", 50);

    Future<Long> total = store.count("project.count", organizationId);
    Future<JsonArray> items = store.all("project.names", organizationId, offset + limit)
        .compose(rows -> {
          List<Future<Row>> reads = rows.stream().skip(offset)
              .map(row -> store.one("project.get", organizationId, row.getUuid("id")))
              .toList();
          return Future.all(reads).map(done -> reads);
        })
        .compose(reads -> store.one("org.get", organizationId).map(org -> {
          JsonArray array = new JsonArray();
          reads.stream().map(Future::result).filter(row -> row != null).forEach(row -> array.add(Views.project(row, org)));
          return array;
        }));

    return Future.all(total, items).map(done -> Views.page(items.result(), total.result(), offset, limit));
  }

  Future<Object> get(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    return requireProject(projectId)
        .compose(project -> store.one("org.get", organizationId).map(org -> Views.project(project, org)));
  }

  Future<Object> update(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    DetailsUpdate update = DetailsUpdate.parse(Requests.body(request));

    return requireProject(projectId)
        .compose(project -> store.claim("project.update", update.descriptionOver(project), update.tagsOver(project),
            organizationId, projectId))
        .map(applied -> {
          if (!applied) {
            throw ApiException.notFound("Project " + projectId + " not found.");
          }
          return new JsonObject().put("message", "Project successfully updated");
        });
  }

  /** Succeeds with the project row, or fails with 404 when the organization has no such project. */
  Future<Row> requireProject(UUID projectId) {
    return store.one("project.get", organizationId, projectId).map(row -> {
      if (row == null) {
        throw ApiException.notFound("Project " + projectId + " not found.");
      }
      return row;
    });
  }

  static List<String> stringList(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
