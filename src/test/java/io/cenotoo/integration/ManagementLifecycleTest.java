package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import io.cenotoo.config.Setting;
import io.cenotoo.embedded.StackEndpoints;
import io.cenotoo.kafka.Topics;
import io.cenotoo.storage.DataTables;
import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.cenotoo.testing.SharedStack;
import io.cenotoo.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Updates and deletions of projects, collections and keys, checked against Cassandra's schema and
 * Kafka's topic list, plus key statistics.
 */
class ManagementLifecycleTest {

  private static final JsonObject SCHEMA = new JsonObject().put("value", "float");
  /** The key-cache bound of the test node plus a margin for the request itself. */
  private static final long KEY_CACHE_BOUND_MILLIS = TestNode.API_KEY_CACHE_SECONDS * 1000L + 1500;

  private static Api api;
  private static Auth admin;
  private static CqlSession cql;
  private static AdminClient kafka;
  private static String dataKeyspace;
  private static String metadataKeyspace;

  @BeforeAll
  static void connect() {
    api = Api.forTestNode();
    admin = Auth.bearer(api.adminToken());
    StackEndpoints stack = SharedStack.get();
    cql = CqlSession.builder().addContactPoint(new InetSocketAddress(stack.cassandraHost(), stack.cassandraPort()))
        .withLocalDatacenter(stack.cassandraLocalDatacenter()).build();
    kafka = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()));
    dataKeyspace = TestNode.get().config().get(Setting.CASSANDRA_DATA_KEYSPACE);
    metadataKeyspace = TestNode.get().config().get(Setting.CASSANDRA_KEYSPACE);
  }

  @AfterAll
  static void disconnect() {
    cql.close();
    kafka.close();
  }

  @Test
  void projectDeletionLeavesNothing() throws Exception {
    String projectId = api.createProject(admin);
    String first = api.createCollection(projectId, "first", SCHEMA, admin);
    String second = api.createCollection(projectId, "second", SCHEMA, admin);
    String key = api.createKey(projectId, "master", admin);
    assertTrue(tableExists(first));
    assertTrue(topics().contains(Topics.forCollection(UUID.fromString(first))));

    Response delete = api.delete("/api/v1/projects/" + projectId, null, admin);

    assertEquals(200, delete.status(), delete.toString());
    for (String collection : new String[] {first, second}) {
      assertFalse(tableExists(collection), "table of " + collection);
      assertFalse(topics().contains(Topics.forCollection(UUID.fromString(collection))), "topic of " + collection);
      assertEquals(0, countRows("collections", "project_id", UUID.fromString(projectId)));
    }
    assertEquals(0, countRows("api_keys_by_project", "project_id", UUID.fromString(projectId)));
    assertEquals(0, countRows("collections_by_name", "project_id", UUID.fromString(projectId)));
    assertEquals(404, api.get("/api/v1/projects/" + projectId, admin).status());
    Thread.sleep(KEY_CACHE_BOUND_MILLIS);
    assertEquals(401, api.get("/api/v1/projects/" + projectId, Auth.key(key)).status());
  }

  @Test
  void collectionDeletionLeavesNothing() throws Exception {
    String projectId = api.createProject(admin);
    String collectionId = api.createCollection(projectId, "doomed", SCHEMA, admin);
    String path = Api.collectionPath(projectId, collectionId);
    Api.expect(200, api.post(path + "/send_data", new JsonObject().put("key", "k").put("value", 1.0), admin));
    api.awaitData(path + "/get_data", admin, response -> !response.json().getJsonArray("data").isEmpty());

    Response delete = api.delete(path, null, admin);

    assertEquals(200, delete.status(), delete.toString());
    assertFalse(tableExists(collectionId));
    assertFalse(topics().contains(Topics.forCollection(UUID.fromString(collectionId))));
    assertEquals(0, countRows("data_partitions", "collection_id", UUID.fromString(collectionId)));
    assertEquals(404, api.get(path, admin).status());
    assertEquals(404, api.delete(path, null, admin).status());
    assertEquals(201, api.post("/api/v1/projects/" + projectId + "/collections", new JsonObject().put("name", "doomed")
        .put("collection_schema", SCHEMA), admin).status(), "the name is free again");
  }

  @Test
  void projectUpdateClearsAndKeepsFields() {
    String projectId = api.createProject(admin);
    String path = "/api/v1/projects/" + projectId;

    Response set = api.put(path, new JsonObject().put("description", "d").put("tags", new JsonArray().add("a")), admin);
    Response clearDescription = api.put(path, new JsonObject().putNull("description"), admin);
    JsonObject project = api.get(path, admin).json();

    assertEquals(200, set.status(), set.toString());
    assertEquals(200, clearDescription.status(), clearDescription.toString());
    assertEquals(null, project.getString("description"));
    assertEquals(new JsonArray().add("a"), project.getJsonArray("tags"));
    assertEquals(200, api.put(path, new JsonObject().put("tags", new JsonArray()), admin).status());
    assertEquals(new JsonArray(), api.get(path, admin).json().getJsonArray("tags"));
    assertEquals(422, api.put(path, new JsonObject(), admin).status());
    assertEquals(404, api.put("/api/v1/projects/" + UUID.randomUUID(), new JsonObject().put("tags", new JsonArray()),
        admin).status());
  }

  @Test
  void collectionUpdateClearsDescription() {
    String projectId = api.createProject(admin);
    String path = Api.collectionPath(projectId, api.createCollection(projectId, "updated", SCHEMA, admin));

    Response update = api.put(path, new JsonObject().putNull("description").put("tags", new JsonArray().add("t")), admin);

    assertEquals(200, update.status(), update.toString());
    assertEquals(null, api.get(path, admin).json().getString("description"));
    assertEquals(new JsonArray().add("t"), api.get(path, admin).json().getJsonArray("tags"));
    assertEquals(422, api.put(path, new JsonObject(), admin).status());
  }

  @Test
  void regeneratedKeyStopsWorking() throws InterruptedException {
    String projectId = api.createProject(admin);
    String oldKey = api.createKey(projectId, "read", admin);
    assertEquals(200, api.get("/api/v1/projects/" + projectId, Auth.key(oldKey)).status());

    Response regenerate = api.put("/api/v1/projects/" + projectId + "/keys/regenerate",
        new JsonObject().put("key_value", oldKey), admin);
    Thread.sleep(KEY_CACHE_BOUND_MILLIS);

    assertEquals(200, regenerate.status(), regenerate.toString());
    assertEquals("read", regenerate.json().getString("key_type"));
    assertEquals(401, api.get("/api/v1/projects/" + projectId, Auth.key(oldKey)).status());
    assertEquals(200, api.get("/api/v1/projects/" + projectId, Auth.key(regenerate.json().getString("api_key"))).status());
    assertEquals(1, api.get("/api/v1/projects/" + projectId + "/keys", admin).array().size());
  }

  @Test
  void keyOfAnotherProjectCannotBeRegenerated() {
    String projectId = api.createProject(admin);
    String foreignKey = api.createKey(api.createProject(admin), "read", admin);

    Response response = api.put("/api/v1/projects/" + projectId + "/keys/regenerate",
        new JsonObject().put("key_value", foreignKey), admin);

    assertEquals(404, response.status(), response.toString());
  }

  @Test
  void deletedKeysStopWorking() throws InterruptedException {
    String projectId = api.createProject(admin);
    String one = api.createKey(projectId, "read", admin);
    String write = api.createKey(projectId, "write", admin);
    String master = api.createKey(projectId, "master", admin);
    String keysPath = "/api/v1/projects/" + projectId + "/keys";

    Response deleteOne = api.delete(keysPath + "/delete_key", new JsonObject().put("key_value", one), admin);
    Response deleteWrite = api.delete(keysPath + "/delete_keys?key_category=write", null, admin);
    Thread.sleep(KEY_CACHE_BOUND_MILLIS);

    assertEquals(200, deleteOne.status(), deleteOne.toString());
    assertEquals(1, deleteWrite.json().getInteger("deleted_count"));
    assertEquals(401, api.get("/api/v1/projects/" + projectId, Auth.key(one)).status());
    assertEquals(401, api.get("/api/v1/projects/" + projectId, Auth.key(write)).status());
    assertEquals(200, api.get("/api/v1/projects/" + projectId, Auth.key(master)).status());
    assertEquals(404, api.delete(keysPath + "/delete_key", new JsonObject().put("key_value", one), admin).status());
    Response badCategory = api.delete(keysPath + "/delete_keys?key_category=admin", null, admin);
    assertEquals(422, badCategory.status(), badCategory.toString());
    assertEquals("key_category", badCategory.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void keyStatsCountRecordsPerDay() {
    String projectId = api.createProject(admin);
    String path = Api.collectionPath(projectId, api.createCollection(projectId, "stats", SCHEMA, admin));
    JsonArray records = new JsonArray()
        .add(new JsonObject().put("key", "s1").put("timestamp", "2024-03-01T10:00:00Z").put("value", 1.0))
        .add(new JsonObject().put("key", "s1").put("timestamp", "2024-03-01T12:00:00Z").put("value", 2.0))
        .add(new JsonObject().put("key", "s1").put("timestamp", "2024-03-02T08:00:00Z").put("value", 3.0))
        .add(new JsonObject().put("key", "s2").put("timestamp", "2024-03-02T08:00:00Z").put("value", 4.0));
    Api.expect(200, api.post(path + "/send_data", records, admin));
    api.awaitData(path + "/get_data", admin, response -> response.json().getJsonArray("data").size() == 4);

    Response stats = api.get(path + "/keys/s1/stats", admin);

    assertEquals(200, stats.status(), stats.toString());
    JsonObject body = stats.json();
    assertEquals("s1", body.getString("key"));
    assertEquals("stats", body.getString("collection_name"));
    assertEquals(3, body.getInteger("total_records"));
    assertEquals("2024-03-01T10:00:00.000Z", body.getString("first_timestamp"));
    assertEquals("2024-03-02T08:00:00.000Z", body.getString("last_timestamp"));
    assertEquals(new JsonArray()
        .add(new JsonObject().put("date", "2024-03-02").put("record_count", 1))
        .add(new JsonObject().put("date", "2024-03-01").put("record_count", 2)), body.getJsonArray("daily_breakdown"));
    assertEquals(404, api.get(path + "/keys/unknown/stats", admin).status());
  }

  private static boolean tableExists(String collectionId) {
    return cql.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?",
        dataKeyspace, DataTables.tableName(UUID.fromString(collectionId))).one() != null;
  }

  private static long countRows(String table, String partitionColumn, UUID partition) {
    return cql.execute("SELECT COUNT(*) FROM \"" + metadataKeyspace + "\"." + table + " WHERE " + partitionColumn
        + " = ?", partition).one().getLong(0);
  }

  private static Set<String> topics() throws Exception {
    return kafka.listTopics().names().get(30, TimeUnit.SECONDS);
  }
}
