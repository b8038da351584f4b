package io.cenotoo.admin;

import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.bus.Replies;
import io.cenotoo.bus.Requests;
import io.cenotoo.error.ApiException;
import io.cenotoo.kafka.Topics;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.storage.DataTables;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collections: create (name, table, topic, metadata row, undoing the earlier steps when a later one
 * fails), list, read, update, delete, and resolve for the other owners.
 */
final class CollectionOperations {

  private static final Logger LOG = LoggerFactory.getLogger(CollectionOperations.class);

  private final MetadataStore store;
  private final ProjectOperations projects;
  private final UUID organizationId;
  private final CollectionStorage storage;
  /** Told the id of every dropped collection, so the owners on every node drop it from their caches. */
  private final Consumer<UUID> removed;

  CollectionOperations(MetadataStore store, ProjectOperations projects, UUID organizationId, CollectionStorage storage,
      Consumer<UUID> removed) {
    this.removed = removed;
    this.store = store;
    this.projects = projects;
    this.organizationId = organizationId;
    this.storage = storage;
  }

  Future<Object> create(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    JsonObject body = Requests.body(request);
    String name = Names.require("name", body.getString("name"));
    CollectionSchema schema = CollectionSchema.parse(body.getJsonObject("collection_schema", new JsonObject()));
    UUID id = UUID.randomUUID();

    return projects.requireProject(projectId)
        .compose(project -> store.claim("collection.claimName", projectId, name, id))
        .compose(claimed -> {
          if (!claimed) {
            throw ApiException.conflict("A collection named '" + name + "' already exists in this project; choose another name.");
          }
          return storage.create(id, schema)
              .compose(v -> store.write("collection.put", projectId, id, name, body.getString("description"),
                  ProjectOperations.stringList(body.getJsonArray("tags")), schema.encode(), MetadataStore.now()))
              .recover(failure -> undo(projectId, name, id, failure));
        })
        .map(v -> {
          LOG.info("Created collection {} [project: {}, collection: {}]", name, projectId, id);
          return new Replies.Created(new JsonObject()
              .put("message", "Collection " + name + " created successfully with ID " + id)
              .put("collection_id", id.toString()));
        });
  }

  private Future<Void> undo(UUID projectId, String name, UUID id, Throwable failure) {
    LOG.warn("Creating collection {} failed; undoing its table, topic and name [project: {}, collection: {}]",
        name, projectId, id, failure);
    return storage.drop(id)
        .compose(v -> store.write("collection.releaseName", projectId, name, id))
        .transform(undone -> {
          if (undone.failed()) {
            LOG.error("Undoing collection {} failed [project: {}, collection: {}]", name, projectId, id, undone.cause());
          }
          return Future.failedFuture(failure);
        });
  }

  Future<Object> list(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    JsonObject query = Requests.query(request);
    int offset = query.getInteger("offset", 0);
    int limit = query.getInteger("limit", 50);

    return projects.requireProject(projectId).compose(project -> {
      Future<Row> org = store.one("org.get", organizationId);
      Future<Long> total = store.count("collection.count", projectId);
      Future<List<Row>> rows = store.all("collection.names", projectId, offset + limit).compose(names -> {
        List<Future<Row>> reads = names.stream().skip(offset)
            .map(row -> store.one("collection.get", projectId, row.getUuid("id")))
            .toList();
        return Future.all(reads).map(done -> reads.stream().map(Future::result).filter(r -> r != null).toList());
      });
      return Future.all(org, total, rows).map(done -> {
        JsonArray items = new JsonArray();
        rows.result().forEach(row -> items.add(view(row, project, org.result())));
        return Views.page(items, total.result(), offset, limit);
      });
    });
  }

  Future<Object> get(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    UUID collectionId = Requests.pathUuid(request, "collection_id");

    return projects.requireProject(projectId).compose(project -> {
      Future<Row> org = store.one("org.get", organizationId);
      Future<Row> collection = requireCollection(projectId, collectionId);
      return Future.all(org, collection).map(done -> view(collection.result(), project, org.result()));
    });
  }

  Future<Object> update(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    UUID collectionId = Requests.pathUuid(request, "collection_id");
    DetailsUpdate update = DetailsUpdate.parse(Requests.body(request));

    return projects.requireProject(projectId)
        .compose(project -> requireCollection(projectId, collectionId))
        .compose(collection -> store.claim("collection.update", update.descriptionOver(collection),
            update.tagsOver(collection), projectId, collectionId))
        .map(applied -> {
          if (!applied) {
            throw ApiException.notFound("Collection " + collectionId + " not found in project " + projectId + ".");
          }
          return new JsonObject().put("message", "Collection updated successfully");
        });
  }

  Future<Object> delete(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    UUID collectionId = Requests.pathUuid(request, "collection_id");

    return projects.requireProject(projectId)
        .compose(project -> requireCollection(projectId, collectionId))
        .compose(collection -> deleteCollection(projectId, collectionId, collection.getString("name")))
        .map(v -> new JsonObject().put("message", "Collection deleted successfully"));
  }

  /**
   * Drops the topic and the table, then the partition index, the metadata row and the name. The
   * metadata goes last, so a failed deletion leaves the collection listed and can be retried.
   */
  Future<Void> deleteCollection(UUID projectId, UUID collectionId, String name) {
    return storage.drop(collectionId)
        .onSuccess(v -> removed.accept(collectionId))
        .compose(v -> store.write("partitions.delete", collectionId))
        .compose(v -> store.write("collection.delete", projectId, collectionId))
        .compose(v -> store.write("collection.releaseName", projectId, name, collectionId))
        .onSuccess(v -> LOG.info("Deleted collection {} [project: {}, collection: {}]", name, projectId, collectionId));
  }

  /**
   * Returns what the ingest, sink and query owners need: {@code collection_id}, {@code project_id},
   * {@code name} and the encoded {@code schema}. Fails with 404 when the collection does not exist
   * in that project.
   */
  Future<Object> resolve(JsonObject request) {
    UUID projectId = UUID.fromString(request.getString("project_id"));
    UUID collectionId = UUID.fromString(request.getString("collection_id"));
    return requireCollection(projectId, collectionId).map(row -> new JsonObject()
        .put("collection_id", collectionId.toString())
        .put("project_id", projectId.toString())
        .put("name", row.getString("name"))
        .put("schema", row.getString("schema_definition")));
  }

  /** Succeeds with the collection row, or fails with 404 when the project has no such collection. */
  Future<Row> requireCollection(UUID projectId, UUID collectionId) {
    return store.one("collection.get", projectId, collectionId).map(row -> {
      if (row == null) {
        throw ApiException.notFound("Collection " + collectionId + " not found in project " + projectId + ".");
      }
      return row;
    });
  }

  private static JsonObject view(Row collection, Row project, Row organization) {
    JsonObject schema = new JsonObject().put(DataTables.KEY, "text").put(DataTables.TIMESTAMP, "timestamp");
    schema.mergeIn(CollectionSchema.decode(collection.getString("schema_definition")).definition());
    JsonObject view = new JsonObject()
        .put("collection_id", collection.getUuid("id").toString())
        .put("collection_name", collection.getString("name"))
        .put("project_id", project.getUuid("id").toString())
        .put("project_name", project.getString("name"))
        .put("organization_id", project.getUuid("organization_id").toString())
        .put("organization_name", organization == null ? null : organization.getString("name"))
        .put("description", collection.getString("description"))
        .put("tags", new JsonArray(collection.getList("tags", String.class) == null ? List.of()
            : List.copyOf(collection.getList("tags", String.class))))
        .put("creation_date", Views.instant(collection.getInstant("creation_date")))
        .put("collection_schema", schema);
    view.put("topic", Topics.forCollection(collection.getUuid("id")));
    return view;
  }
}
