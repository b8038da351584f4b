package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.cenotoo.testing.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What each key type may do: read keys read, write keys also send, only master keys manage
 * collections, keys never cross projects, and a deleted key stops working within the cache bound.
 */
class ScopedKeysTest {

  private static final JsonObject SCHEMA = new JsonObject().put("value", "float");
  private static final JsonObject RECORD = new JsonObject().put("key", "a1").put("value", 1.0);

  private static Api api;
  private static Auth admin;
  private static String projectId;
  private static String path;

  @BeforeAll
  static void createProject() {
    api = Api.forTestNode();
    admin = Auth.bearer(api.adminToken());
    projectId = api.createProject(admin);
    path = Api.collectionPath(projectId, api.createCollection(projectId, "scoped", SCHEMA, admin));
    Api.expect(200, api.post(path + "/send_data", RECORD, admin));
    api.awaitData(path + "/get_data", admin, response -> !response.json().getJsonArray("data").isEmpty());
  }

  @Test
  void readKeyReadsButCannotSend() {
    Auth read = Auth.key(api.createKey(projectId, "read", admin));

    assertEquals(200, api.get(path + "/get_data", read).status());
    assertEquals(200, api.get(path, read).status());
    assertEquals(200, api.get(path + "/keys/a1/stats", read).status());
    assertEquals(200, api.get("/api/v1/projects/" + projectId + "/collections", read).status());
    assertEquals(403, api.post(path + "/send_data", RECORD, read).status());
  }

  @Test
  void writeKeyCannotManageCollections() {
    Auth write = Auth.key(api.createKey(projectId, "write", admin));
    String doomed = Api.collectionPath(projectId, api.createCollection(projectId, "kept", SCHEMA, admin));

    assertEquals(200, api.post(path + "/send_data", RECORD, write).status());
    assertEquals(200, api.get(path + "/get_data", write).status());
    Response create = api.post("/api/v1/projects/" + projectId + "/collections",
        new JsonObject().put("name", "by_write").put("collection_schema", SCHEMA), write);
    assertEquals(403, create.status(), create.toString());
    assertEquals(403, api.delete(doomed, null, write).status());
    assertEquals(403, api.put(doomed, new JsonObject().put("description", "x"), write).status());
    assertEquals(200, api.get(doomed, admin).status());
  }

  @Test
  void keyOfOneProjectIsForbiddenOnAnother() {
    String otherProject = api.createProject(admin);
    Auth master = Auth.key(api.createKey(otherProject, "master", admin));

    assertEquals(403, api.get(path + "/get_data", master).status());
    assertEquals(403, api.get("/api/v1/projects/" + projectId, master).status());
    assertEquals(403, api.post(path + "/send_data", RECORD, master).status());
  }

  @Test
  void deletedKeyGets401WithinCacheBound() throws InterruptedException {
    String key = api.createKey(projectId, "read", admin);
    assertEquals(200, api.get(path + "/get_data", Auth.key(key)).status());

    Api.expect(200, api.delete("/api/v1/projects/" + projectId + "/keys/delete_key",
        new JsonObject().put("key_value", key), admin));
    long deadline = System.currentTimeMillis() + TestNode.API_KEY_CACHE_SECONDS * 1000L + 1000;
    int status;
    do {
      status = api.get(path + "/get_data", Auth.key(key)).status();
      Thread.sleep(100);
    } while (status != 401 && System.currentTimeMillis() < deadline);

    assertEquals(401, status);
  }
}
