package io.cenotoo.admin;

import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.bus.Requests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a project with everything in it: each collection (topic, table, partition index,
 * metadata), each API key, then the project's name and row. The project row goes last, so when a
 * step fails the project is still listed and the deletion can be retried.
 */
final class ProjectDeletion {

  private static final Logger LOG = LoggerFactory.getLogger(ProjectDeletion.class);

  private final MetadataStore store;
  private final ProjectOperations projects;
  private final CollectionOperations collections;
  private final KeyOperations keys;
  private final UUID organizationId;

  ProjectDeletion(MetadataStore store, ProjectOperations projects, CollectionOperations collections, KeyOperations keys,
      UUID organizationId) {
    this.store = store;
    this.projects = projects;
    this.collections = collections;
    this.keys = keys;
    this.organizationId = organizationId;
  }

  Future<Object> delete(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");

    return projects.requireProject(projectId)
        .compose(project -> deleteCollections(projectId)
            .compose(v -> keys.deleteMatching(projectId, KeyOperations.ALL))
            .compose(deleted -> store.write("project.releaseName", organizationId, project.getString("name"), projectId))
            .compose(v -> store.write("project.delete", organizationId, projectId))
            .map(v -> {
              LOG.info("Deleted project {} [project: {}]", project.getString("name"), projectId);
              return new JsonObject().put("message", "Project successfully deleted");
            }));
  }

  /** Deletes the collections one after the other, so a large project does not flood Kafka with requests. */
  private Future<Void> deleteCollections(UUID projectId) {
    return store.all("collection.all", projectId).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row row : rows) {
        chain = chain.compose(v -> collections.deleteCollection(projectId, row.getUuid("id"), row.getString("name")));
      }
      return chain;
    });
  }
}
