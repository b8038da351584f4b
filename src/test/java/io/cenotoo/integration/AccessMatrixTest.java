package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.cenotoo.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every route of the contract with every kind of caller over HTTP and checks the status. Each
 * request is otherwise valid, so the status shows the access decision; destructive routes act on
 * throwaway resources. Routes that accept only access tokens return 401 to API keys, because the
 * contract's security requirement there is bearerAuth alone and X-API-Key is not read.
 */
class AccessMatrixTest {

  /** The callers, in the order of the status columns of {@link #MATRIX}. */
  enum Caller { NONE, EXPIRED_JWT, REVOKED_JWT, MEMBER_JWT, SUPERADMIN_JWT, READ_KEY, WRITE_KEY, MASTER_KEY, OTHER_PROJECT_KEY }

  private static final String PASSWORD = "Member-password-1";
  private static final JsonObject RECORD = new JsonObject().put("key", "k").put("timestamp", "2024-01-01T00:00:00Z")
      .put("value", 1.0);

  private static Api api;
  private static Auth admin;
  private static String organizationId;
  private static String projectId;
  private static String collectionPath;
  private static final java.util.Map<Caller, Auth> AUTH = new java.util.EnumMap<>(Caller.class);

  /** One request, built for a caller. */
  private record Request(String method, String path, Object body) {
  }

  private record Row(String operation, Function<CallContext, Request> request, int... statuses) {
  }

  private record CallContext(Caller caller, String username) {
  }

  private static final List<Row> MATRIX = List.of(
      //                                                                    NONE EXP  REV  MEM  SA   READ WRIT MAST OTHR
      new Row("health", c -> get("/health"), 200, 200, 200, 200, 200, 200, 200, 200, 200),
      new Row("ready", c -> get("/ready"), 200, 200, 200, 200, 200, 200, 200, 200, 200),
      new Row("login", c -> new Request("LOGIN", "/api/v1/token", null), 200, 200, 200, 200, 200, 200, 200, 200, 200),
      new Row("refreshToken", c -> new Request("POST", "/api/v1/token/refresh",
          new JsonObject().put("refresh_token", freshTokens().getString("refresh_token"))),
          200, 200, 200, 200, 200, 200, 200, 200, 200),
      new Row("revokeToken", c -> new Request("POST", "/api/v1/token/revoke",
          new JsonObject().put("token", freshTokens().getString("access_token"))),
          200, 200, 200, 200, 200, 200, 200, 200, 200),
      new Row("createOrganization", c -> new Request("POST", "/api/v1/organizations",
          new JsonObject().put("organization_name", Api.uniqueName("org"))),
          401, 401, 401, 403, 201, 401, 401, 401, 401),
      new Row("listOrganizations", c -> get("/api/v1/organizations"), 401, 401, 401, 403, 200, 401, 401, 401, 401),
      new Row("getOrganization", c -> get("/api/v1/organization"), 401, 401, 401, 200, 200, 401, 401, 401, 401),
      new Row("updateOrganization", c -> new Request("PUT", "/api/v1/organization",
          new JsonObject().put("description", "matrix")), 401, 401, 401, 200, 200, 401, 401, 401, 401),
      // The served organization has projects, so the superadmin passes the access check and gets 409.
      new Row("deleteOrganization", c -> new Request("DELETE", "/api/v1/organization", null),
          401, 401, 401, 403, 409, 401, 401, 401, 401),
      new Row("createUser", c -> new Request("POST", usersPath(), new JsonObject().put("username", Api.uniqueName("u"))
          .put("password", PASSWORD)), 401, 401, 401, 403, 201, 401, 401, 401, 401),
      new Row("listUsers", c -> get(usersPath()), 401, 401, 401, 403, 200, 401, 401, 401, 401),
      new Row("updateUserPassword", c -> new Request("PUT", usersPath() + "/update_password",
          new JsonObject().put("username", c.username()).put("password", "Changed-password-2")),
          401, 401, 401, 200, 200, 401, 401, 401, 401),
      new Row("deleteUser", c -> new Request("DELETE", usersPath(), new JsonObject().put("username", c.username())),
          401, 401, 401, 200, 200, 401, 401, 401, 401),
      new Row("createProject", c -> new Request("POST", "/api/v1/projects",
          new JsonObject().put("project_name", Api.uniqueName("p"))), 401, 401, 401, 201, 201, 401, 401, 401, 401),
      new Row("listProjects", c -> get("/api/v1/projects"), 401, 401, 401, 200, 200, 401, 401, 401, 401),
      new Row("getProject", c -> get(projectPath()), 401, 401, 401, 200, 200, 200, 200, 200, 403),
      new Row("updateProject", c -> new Request("PUT", projectPath(), new JsonObject().put("tags", List.of("m"))),
          401, 401, 401, 200, 200, 401, 401, 401, 401),
      new Row("deleteProject", c -> new Request("DELETE", "/api/v1/projects/" + api.createProject(admin), null),
          401, 401, 401, 200, 200, 401, 401, 401, 401),
      new Row("createProjectKey", c -> new Request("POST", projectPath() + "/keys", new JsonObject().put("key_type", "read")),
          401, 401, 401, 201, 201, 401, 401, 401, 401),
      new Row("listProjectKeys", c -> get(projectPath() + "/keys"), 401, 401, 401, 200, 200, 401, 401, 401, 401),
      new Row("regenerateProjectKey", c -> new Request("PUT", projectPath() + "/keys/regenerate",
          new JsonObject().put("key_value", api.createKey(projectId, "read", admin))),
          401, 401, 401, 200, 200, 401, 401, 401, 401),
      new Row("deleteProjectKeys", c -> new Request("DELETE", "/api/v1/projects/" + api.createProject(admin)
          + "/keys/delete_keys?key_category=all", null), 401, 401, 401, 200, 200, 401, 401, 401, 401),
      new Row("deleteProjectKey", c -> new Request("DELETE", projectPath() + "/keys/delete_key",
          new JsonObject().put("key_value", api.createKey(projectId, "read", admin))),
          401, 401, 401, 200, 200, 401, 401, 401, 401),
      new Row("createCollection", c -> new Request("POST", projectPath() + "/collections",
          new JsonObject().put("name", Api.uniqueName("c")).put("collection_schema", new JsonObject().put("a", "int"))),
          401, 401, 401, 201, 201, 403, 403, 201, 403),
      new Row("listCollections", c -> get(projectPath() + "/collections"), 401, 401, 401, 200, 200, 200, 200, 200, 403),
      new Row("getCollection", c -> get(collectionPath), 401, 401, 401, 200, 200, 200, 200, 200, 403),
      new Row("updateCollection", c -> new Request("PUT", collectionPath, new JsonObject().put("description", "m")),
          401, 401, 401, 200, 200, 403, 403, 200, 403),
      new Row("deleteCollection", c -> new Request("DELETE", Api.collectionPath(projectId,
          api.createCollection(projectId, Api.uniqueName("c"), new JsonObject().put("a", "int"), admin)), null),
          401, 401, 401, 200, 200, 403, 403, 200, 403),
      new Row("getKeyStats", c -> get(collectionPath + "/keys/k/stats"), 401, 401, 401, 200, 200, 200, 200, 200, 403),
      new Row("sendData", c -> new Request("POST", collectionPath + "/send_data", RECORD),
          401, 401, 401, 200, 200, 403, 200, 200, 403),
      new Row("getData", c -> get(collectionPath + "/get_data"), 401, 401, 401, 200, 200, 200, 200, 200, 403),
      new Row("getStatistics", c -> get(collectionPath + "/statistics?attribute=value&stat=avg"),
          401, 401, 401, 200, 200, 200, 200, 200, 403),
      new Row("deleteData", c -> new Request("DELETE", collectionPath + "/delete_data",
          new JsonObject().put("key", "no-such-key")), 401, 401, 401, 200, 200, 403, 403, 200, 403));

  @BeforeAll
  static void createCallers() {
    api = Api.forTestNode();
    admin = Auth.bearer(api.adminToken());
    organizationId = TestNode.get().config().organizationId().toString();
    projectId = api.createProject(admin);
    collectionPath = Api.collectionPath(projectId, api.createCollection(projectId, "matrix",
        new JsonObject().put("value", "float"), admin));
    Api.expect(200, api.post(collectionPath + "/send_data", RECORD, admin));
    api.awaitData(collectionPath + "/get_data", admin, response -> !response.json().getJsonArray("data").isEmpty());

    String revoked = api.adminToken();
    Api.expect(200, api.post("/api/v1/token/revoke", new JsonObject().put("token", revoked), Auth.NONE));

    AUTH.put(Caller.NONE, Auth.NONE);
    AUTH.put(Caller.EXPIRED_JWT, Auth.bearer(expiredToken()));
    AUTH.put(Caller.REVOKED_JWT, Auth.bearer(revoked));
    AUTH.put(Caller.MEMBER_JWT, Auth.bearer(api.createMember(Api.uniqueName("member"), PASSWORD, admin)));
    AUTH.put(Caller.SUPERADMIN_JWT, admin);
    AUTH.put(Caller.READ_KEY, Auth.key(api.createKey(projectId, "read", admin)));
    AUTH.put(Caller.WRITE_KEY, Auth.key(api.createKey(projectId, "write", admin)));
    AUTH.put(Caller.MASTER_KEY, Auth.key(api.createKey(projectId, "master", admin)));
    AUTH.put(Caller.OTHER_PROJECT_KEY, Auth.key(api.createKey(api.createProject(admin), "master", admin)));
  }

  @Test
  void everyRouteAndCallerGetsDocumentedStatus() {
    List<String> mismatches = new ArrayList<>();
    for (Row row : MATRIX) {
      for (Caller caller : Caller.values()) {
        int expected = row.statuses()[caller.ordinal()];
        CallContext context = contextFor(row, caller);
        Response response = send(row.request().apply(context), authFor(row, caller, context));
        if (response.status() != expected) {
          mismatches.add(row.operation() + " as " + caller + ": expected " + expected + ", got " + response);
        }
      }
    }

    assertEquals(List.of(), mismatches);
  }

  @Test
  void matrixCoversEveryOperation() {
    List<String> covered = MATRIX.stream().map(Row::operation).toList();
    for (io.cenotoo.http.Operation operation : io.cenotoo.http.Operation.values()) {
      assertEquals(true, covered.contains(operation.id()), operation.id() + " is missing from the matrix");
    }
  }

  /**
   * Self-service routes change or delete the caller's own user, so the member column gets a
   * throwaway user there and the superadmin acts on another throwaway user.
   */
  private static CallContext contextFor(Row row, Caller caller) {
    boolean selfService = row.operation().equals("updateUserPassword") || row.operation().equals("deleteUser");
    if (!selfService) {
      return new CallContext(caller, "nobody");
    }
    String username = Api.uniqueName("self");
    if (caller == Caller.MEMBER_JWT) {
      return new CallContext(caller, username);
    }
    String organization = usersPath();
    Api.expect(201, api.post(organization, new JsonObject().put("username", username).put("password", PASSWORD), admin));
    return new CallContext(caller, username);
  }

  private static Auth authFor(Row row, Caller caller, CallContext context) {
    boolean selfService = row.operation().equals("updateUserPassword") || row.operation().equals("deleteUser");
    if (selfService && caller == Caller.MEMBER_JWT) {
      return Auth.bearer(api.createMember(context.username(), PASSWORD, admin));
    }
    return AUTH.get(caller);
  }

  private static Response send(Request request, Auth auth) {
    return switch (request.method()) {
      case "GET" -> api.get(request.path(), auth);
      case "POST" -> api.post(request.path(), request.body(), auth);
      case "PUT" -> api.put(request.path(), request.body(), auth);
      case "DELETE" -> api.delete(request.path(), request.body(), auth);
      case "LOGIN" -> api.postRaw(request.path(), "application/x-www-form-urlencoded", "username="
          + URLEncoder.encode(TestNode.ADMIN_USERNAME, StandardCharsets.UTF_8) + "&password="
          + URLEncoder.encode(TestNode.ADMIN_PASSWORD, StandardCharsets.UTF_8), auth);
      default -> throw new IllegalArgumentException(request.method());
    };
  }

  private static Request get(String path) {
    return new Request("GET", path, null);
  }

  private static String usersPath() {
    return "/api/v1/organizations/" + organizationId + "/users";
  }

  private static String projectPath() {
    return "/api/v1/projects/" + projectId;
  }

  private static JsonObject freshTokens() {
    Response login = api.login(TestNode.ADMIN_USERNAME, TestNode.ADMIN_PASSWORD);
    Api.expect(200, login);
    return login.json();
  }

  /** Returns a correctly signed superadmin access token that expired a minute ago. */
  private static String expiredToken() {
    Vertx vertx = TestNode.get().vertx();
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(TestNode.JWT_SECRET)));
    long now = Instant.now().getEpochSecond();
    JsonObject claims = new JsonObject().put("sub", TestNode.ADMIN_USERNAME).put("role", "superadmin")
        .put("org", organizationId).put("type", "access").put("jti", UUID.randomUUID().toString())
        .put("iat", now - 120).put("exp", now - 60);
    return jwt.generateToken(claims, new JWTOptions().setNoTimestamp(true));
  }
}
