package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call the data and collection routes, over HTTP against the real stack. */
class AccessTest {

  private static Api api;
  private static Auth admin;
  private static String projectId;
  private static String path;
  private static Auth readKey;
  private static Auth writeKey;
  private static Auth masterKey;
  private static Auth otherProjectKey;

  private static final JsonObject RECORD = new JsonObject().put("key", "k").put("timestamp", "2024-01-01T00:00:00Z")
      .put("value", 1.0);

  @BeforeAll
  static void createProjects() {
    api = Api.forTestNode();
    admin = Auth.bearer(api.adminToken());
    projectId = api.createProject(admin);
    path = Api.collectionPath(projectId, api.createCollection(projectId, "access", new JsonObject().put("value", "float"),
        admin));
    readKey = Auth.key(api.createKey(projectId, "read", admin));
    writeKey = Auth.key(api.createKey(projectId, "write", admin));
    masterKey = Auth.key(api.createKey(projectId, "master", admin));
    otherProjectKey = Auth.key(api.createKey(api.createProject(admin), "master", admin));
  }

  @Test
  void readKeyReadsDataButCannotSend() {
    assertEquals(200, api.get(path + "/get_data", readKey).status());
    assertEquals(200, api.get(path, readKey).status());

    Response send = api.post(path + "/send_data", RECORD, readKey);

    assertEquals(403, send.status(), send.toString());
    assertTrue(send.json().getString("detail").contains("write"), send.json().getString("detail"));
  }

  @Test
  void writeKeySendsButCannotCreateCollections() {
    assertEquals(200, api.post(path + "/send_data", RECORD, writeKey).status());

    Response create = api.post("/api/v1/projects/" + projectId + "/collections",
        new JsonObject().put("name", "nope").put("collection_schema", new JsonObject().put("a", "int")), writeKey);

    assertEquals(403, create.status(), create.toString());
  }

  @Test
  void masterKeyCreatesCollections() {
    Response create = api.post("/api/v1/projects/" + projectId + "/collections",
        new JsonObject().put("name", "by_master").put("collection_schema", new JsonObject().put("a", "int")), masterKey);

    assertEquals(201, create.status(), create.toString());
  }

  @Test
  void keyOfAnotherProjectIsForbidden() {
    Response read = api.get(path + "/get_data", otherProjectKey);

    assertEquals(403, read.status(), read.toString());
  }

  /** Routes that take only access tokens ignore X-API-Key, so a key alone counts as no credentials. */
  @Test
  void keysCannotManageProjectsOrKeys() {
    assertEquals(401, api.get("/api/v1/projects/" + projectId + "/keys", masterKey).status());
    assertEquals(401, api.post("/api/v1/projects", new JsonObject().put("project_name", "x"), masterKey).status());
  }

  @Test
  void missingOrInvalidCredentialsGet401() {
    Response none = api.get(path + "/get_data", Auth.NONE);
    Response badKey = api.get(path + "/get_data", Auth.key("0".repeat(64)));
    Response badToken = api.get(path + "/get_data", Auth.bearer("not-a-token"));

    assertEquals(401, none.status(), none.toString());
    assertEquals("application/problem+json", none.header("Content-Type"));
    assertEquals(401, badKey.status(), badKey.toString());
    assertEquals(401, badToken.status(), badToken.toString());
  }

  @Test
  void refreshTokenIsNotAnAccessToken() {
    String refresh = api.login("admin", io.cenotoo.testing.TestNode.ADMIN_PASSWORD).json().getString("refresh_token");

    Response response = api.get("/api/v1/projects", Auth.bearer(refresh));

    assertEquals(401, response.status(), response.toString());
  }

  @Test
  void wrongPasswordGets401() {
    Response response = api.login("admin", "wrong-password");

    assertEquals(401, response.status(), response.toString());
    assertEquals("Bearer", response.header("WWW-Authenticate"));
  }
}
