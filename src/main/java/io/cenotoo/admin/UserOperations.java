package io.cenotoo.admin;

import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.bus.Address;
import io.cenotoo.bus.Principal;
import io.cenotoo.bus.Replies;
import io.cenotoo.bus.Requests;
import io.cenotoo.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Users of an organization. Usernames are unique across the deployment because {@code users} is
 * keyed by username and created with a lightweight transaction. For password changes and deletion
 * the caller's permission is checked before the user's existence, so a non-superadmin cannot
 * learn which usernames exist.
 */
final class UserOperations {

  private static final String ROLE_USER = "user";

  private final Vertx vertx;
  private final MetadataStore store;
  private final Passwords passwords;
  private final OrganizationOperations organizations;

  UserOperations(Vertx vertx, MetadataStore store, Passwords passwords, OrganizationOperations organizations) {
    this.vertx = vertx;
    this.store = store;
    this.passwords = passwords;
    this.organizations = organizations;
  }

  Future<Object> create(JsonObject request) {
    UUID organizationId = Requests.pathUuid(request, "organization_id");
    JsonObject body = Requests.body(request);
    String username = Names.require("username", body.getString("username"));
    String password = PasswordRules.require(body.getString("password"));
    UUID id = UUID.randomUUID();

    return organizations.requireExisting(organizationId)
        .compose(org -> passwords.hash(password))
        .compose(hash -> store.claim("user.create", username, id, organizationId, hash, ROLE_USER, MetadataStore.now()))
        .compose(created -> {
          if (!created) {
            throw ApiException.conflict("The username '" + username + "' is taken; choose another username.");
          }
          return store.write("user.byOrg.put", organizationId, username);
        })
        .map(v -> new Replies.Created(new JsonObject()
            .put("message", "User created successfully")
            .put("user_id", id.toString())));
  }

  Future<Object> list(JsonObject request) {
    UUID organizationId = Requests.pathUuid(request, "organization_id");
    JsonObject query = Requests.query(request);
    int offset = query.getInteger("offset", 0);
    int limit = query.getInteger("limit", 50);

    return organizations.requireExisting(organizationId).compose(org -> {
      Future<Long> total = store.count("user.byOrg.count", organizationId);
      Future<JsonArray> items = store.all("user.byOrg.list", organizationId, offset + limit).map(rows -> {
        JsonArray array = new JsonArray();
        rows.stream().skip(offset).forEach(row -> array.add(new JsonObject().put("username", row.getString("username"))));
        return array;
      });
      return Future.all(total, items).map(done -> Views.page(items.result(), total.result(), offset, limit));
    });
  }

  /** Changes a password and ends the user's earlier tokens through {@code tokens_valid_after}. */
  Future<Object> updatePassword(Message<JsonObject> message) {
    JsonObject request = message.body();
    UUID organizationId = Requests.pathUuid(request, "organization_id");
    JsonObject body = Requests.body(request);
    String username = body.getString("username");
    requirePermission(Requests.principal(message), organizationId, username, "change the password of");
    String password = PasswordRules.require(body.getString("password"));

    return requireUser(organizationId, username)
        .compose(user -> passwords.hash(password))
        .compose(hash -> store.claim("user.setPassword", hash, MetadataStore.now(), username))
        .map(applied -> {
          if (!applied) {
            throw userNotFound(username, organizationId);
          }
          announceLogout(username);
          return new JsonObject().put("message", "User password updated successfully");
        });
  }

  Future<Object> delete(Message<JsonObject> message) {
    JsonObject request = message.body();
    UUID organizationId = Requests.pathUuid(request, "organization_id");
    String username = Requests.body(request).getString("username");
    requirePermission(Requests.principal(message), organizationId, username, "delete");

    return requireUser(organizationId, username)
        .compose(user -> store.write("user.delete", username))
        .compose(v -> store.write("user.byOrg.delete", organizationId, username))
        .map(v -> {
          announceLogout(username);
          return new JsonObject().put("message", "User deleted successfully");
        });
  }

  /**
   * Lets the superadmin act on anyone; other users only on themselves, in their own organization.
   * Runs before any read, so the response does not depend on whether the user exists.
   */
  private static void requirePermission(Principal caller, UUID organizationId, String username, String action) {
    if (caller == null || caller.isKey()) {
      throw ApiException.forbidden("Only users with an access token may " + action + " users.");
    }
    if (caller.superadmin()) {
      return;
    }
    if (!caller.username().equals(username) || !organizationId.equals(caller.organizationId())) {
      throw ApiException.forbidden("You may only " + action + " your own user, in your own organization.");
    }
  }

  private Future<Row> requireUser(UUID organizationId, String username) {
    return store.one("user.get", username).map(row -> {
      if (row == null || !organizationId.equals(row.getUuid("organization_id"))) {
        throw userNotFound(username, organizationId);
      }
      return row;
    });
  }

  private void announceLogout(String username) {
    vertx.eventBus().publish(Address.TOKENS_REVOKED, new JsonObject().put("username", username));
  }

  private static ApiException userNotFound(String username, UUID organizationId) {
    return ApiException.notFound("User '" + username + "' not found in organization " + organizationId + ".");
  }
}
