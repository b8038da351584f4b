package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The README quickstart against real Cassandra and Kafka: token, project, key, collection, send, read. */
class QuickstartFlowTest {

  private static Api api;
  private static Auth admin;

  @BeforeAll
  static void login() {
    api = Api.forTestNode();
    admin = Auth.bearer(api.adminToken());
  }

  @Test
  void recordsSentWithWriteKeyAreReadBack() {
    String projectId = api.createProject(admin);
    String writeKey = api.createKey(projectId, "write", admin);
    JsonObject schema = new JsonObject().put("temperature", "float").put("room", "text")
        .put("location", new JsonObject().put("lat", "float").put("lon", "float"));
    String collectionId = api.createCollection(projectId, "sensors", schema, admin);
    String path = Api.collectionPath(projectId, collectionId);

    JsonArray records = new JsonArray()
        .add(new JsonObject().put("key", "room-1").put("timestamp", "2024-05-01T10:00:00Z").put("temperature", 21.5)
            .put("room", "lab").put("location", new JsonObject().put("lat", 40.6).put("lon", 22.9)))
        .add(new JsonObject().put("key", "room-1").put("timestamp", "2024-05-01T10:01:00Z").put("temperature", 21.7)
            .put("room", "lab").put("location", new JsonObject().put("lat", 40.6).put("lon", 22.9)));
    Response sent = api.post(path + "/send_data", records, Auth.key(writeKey));
    assertEquals(200, sent.status(), sent.toString());
    assertEquals(2, sent.json().getInteger("processed_count"));

    Response read = api.awaitData(path + "/get_data", Auth.key(writeKey), r -> r.json().getJsonArray("data").size() == 2);
    JsonObject newest = read.json().getJsonArray("data").getJsonObject(0);
    assertEquals("room-1", newest.getString("key"));
    assertEquals("2024-05-01T10:01:00.000Z", newest.getString("timestamp"));
    assertEquals(21.7, newest.getDouble("temperature"));
    assertEquals(22.9, newest.getJsonObject("location").getDouble("lon"));
    assertEquals("2024-05-01", newest.getString("day"));
    assertFalse(read.json().getBoolean("has_more"));
    assertEquals(2, read.json().getInteger("total_count"));
  }

  @Test
  void collectionDescribesItsSchema() {
    String projectId = api.createProject(admin);
    String collectionId = api.createCollection(projectId, "described", new JsonObject().put("value", "int"), admin);

    Response collection = api.get(Api.collectionPath(projectId, collectionId), admin);

    assertEquals(200, collection.status(), collection.toString());
    JsonObject schema = collection.json().getJsonObject("collection_schema");
    assertEquals("int", schema.getString("value"));
    assertEquals("text", schema.getString("key"));
    assertEquals("timestamp", schema.getString("timestamp"));
    assertEquals("described", collection.json().getString("collection_name"));
  }

  @Test
  void projectsAndKeysAreListed() {
    String projectId = api.createProject(admin);
    api.createKey(projectId, "read", admin);

    Response keys = api.get("/api/v1/projects/" + projectId + "/keys", admin);
    Response projects = api.get("/api/v1/projects?limit=200", admin);

    assertEquals(200, keys.status(), keys.toString());
    JsonObject key = keys.array().getJsonObject(0);
    assertEquals("read", key.getString("key_type"));
    assertEquals(8, key.getString("key_prefix").length());
    assertFalse(key.containsKey("api_key"), "a key listing must not expose key material");
    assertEquals(200, projects.status(), projects.toString());
    assertTrue(projects.json().getInteger("total") >= 1);
    assertNotNull(projects.json().getJsonArray("items"));
  }

  @Test
  void healthAndReadinessAnswer() {
    Response health = api.get("/health", Auth.NONE);
    Response ready = api.get("/ready", Auth.NONE);

    assertEquals(200, health.status());
    assertEquals("ok", health.json().getString("status"));
    assertEquals(200, ready.status(), ready.toString());
    assertEquals("ok", ready.json().getJsonObject("checks").getString("sink"));
  }
}
