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

/**
 * Organizations: create and list (superadmin), update and delete the served one. Names are claimed
 * in {@code organizations_by_name} with a lightweight transaction before the row is written.
 */
final class OrganizationOperations {

  /** Upper bound of users read when checking whether the organization can be deleted. */
  private static final int MAX_USERS_CHECKED = 10_000;

  private final MetadataStore store;
  private final UUID organizationId;

  OrganizationOperations(MetadataStore store, UUID organizationId) {
    this.store = store;
    this.organizationId = organizationId;
  }

  Future<Object> create(JsonObject request) {
    JsonObject body = Requests.body(request);
    String name = Names.require("organization_name", body.getString("organization_name"));
    UUID id = UUID.randomUUID();

    return store.claim("org.claimName", name, id)
        .compose(claimed -> {
          if (!claimed) {
            throw ApiException.conflict("An organization named '" + name + "' already exists; choose another name.");
          }
          return store.claim("org.upsert", id, name, body.getString("description"),
              ProjectOperations.stringList(body.getJsonArray("tags")), MetadataStore.now());
        })
        .map(v -> new Replies.Created(new JsonObject()
            .put("message", "Organization created successfully")
            .put("organization_id", id.toString())));
  }

  Future<Object> list(JsonObject request) {
    return store.all("org.names").compose(names -> {
      List<Future<Row>> reads = names.stream().map(row -> store.one("org.get", row.getUuid("id"))).toList();
      return Future.all(reads).map(done -> {
        JsonArray organizations = new JsonArray();
        reads.stream().map(Future::result).filter(row -> row != null)
            .forEach(row -> organizations.add(Views.organization(row)));
        return organizations;
      });
    });
  }

  Future<Object> update(JsonObject request) {
    DetailsUpdate update = DetailsUpdate.parse(Requests.body(request));

    return requireServed()
        .compose(org -> store.claim("org.update", update.descriptionOver(org), update.tagsOver(org), organizationId))
        .map(applied -> {
          if (!applied) {
            throw notFound();
          }
          return new JsonObject().put("message", "Organization updated successfully.");
        });
  }

  /**
   * Deletes the served organization's row and name. Refused with 409 while it has projects or users
   * other than superadmins, so nothing is left without an organization.
   */
  Future<Object> delete(JsonObject request) {
    return requireServed()
        .compose(org -> requireEmpty().map(org))
        .compose(org -> store.write("org.releaseName", org.getString("name"), organizationId))
        .compose(v -> store.write("org.delete", organizationId))
        .map(v -> new JsonObject().put("message", "Organization deleted successfully"));
  }

  private Future<Void> requireEmpty() {
    Future<Long> projects = store.count("project.count", organizationId);
    Future<List<Row>> users = store.all("user.byOrg.list", organizationId, MAX_USERS_CHECKED)
        .compose(names -> {
          List<Future<Row>> reads = names.stream().map(row -> store.one("user.get", row.getString("username"))).toList();
          return Future.all(reads).map(done -> reads.stream().map(Future::result)
              .filter(row -> row != null && !"superadmin".equals(row.getString("role"))).toList());
        });

    return Future.all(projects, users).map(done -> {
      if (projects.result() > 0) {
        throw ApiException.conflict("The organization still has " + projects.result()
            + " projects; delete them with DELETE /api/v1/projects/{project_id} first.");
      }
      if (!users.result().isEmpty()) {
        throw ApiException.conflict("The organization still has " + users.result().size()
            + " users; delete them with DELETE /api/v1/organizations/" + organizationId + "/users first.");
      }
      return null;
    });
  }

  private Future<Row> requireServed() {
    return store.one("org.get", organizationId).map(row -> {
      if (row == null) {
        throw notFound();
      }
      return row;
    });
  }

  /** Succeeds when an organization with that id exists, or fails with 404. */
  Future<Row> requireExisting(UUID id) {
    return store.one("org.get", id).map(row -> {
      if (row == null) {
        throw ApiException.notFound("Organization " + id + " not found.");
      }
      return row;
    });
  }

  private ApiException notFound() {
    return ApiException.notFound("Organization " + organizationId + " not found.");
  }
}
