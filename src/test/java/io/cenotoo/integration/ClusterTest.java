package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.cenotoo.testing.NodeProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three node processes on one clustered event bus, sharing the test run's Cassandra and Kafka:
 * A runs only the API, B the API and the admin, query, stats and ingest owners, C ingest and the sink.
 * Requests enter
 * through A and reach the owners on B and C over the cluster.
 */
class ClusterTest {

  private static final String GROUP = "cluster-test-sink";
  /** Logins per client and minute on the cluster's nodes. */
  private static final int AUTH_LIMIT = 6;
  private static NodeProcess nodeA;
  private static NodeProcess nodeB;
  private static NodeProcess nodeC;
  private static Api api;
  private static Auth admin;

  @BeforeAll
  static void startCluster() throws Exception {
    Path logs = Files.createDirectories(Path.of("target", "cluster-test"));
    int[] ports = {NodeProcess.freePort(), NodeProcess.freePort(), NodeProcess.freePort()};
    String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
    nodeB = node(logs.resolve("node-b.log"), "api,admin,query,stats,ingest", ports[1], members).start();
    nodeC = node(logs.resolve("node-c.log"), "ingest,sink", ports[2], members).start();
    nodeA = node(logs.resolve("node-a.log"), "api", ports[0], members).start();
    nodeA.awaitReady(90);
    api = nodeA.api();
    admin = Auth.bearer(api.adminToken());
  }

  private static NodeProcess node(Path log, String roles, int clusterPort, String members) {
    Map<String, String> settings = new HashMap<>();
    settings.put("CENOTOO_ROLES", roles);
    settings.put("CLUSTER_ENABLED", "true");
    settings.put("CLUSTER_NAME", "cenotoo-test-" + ProcessHandle.current().pid());
    settings.put("CLUSTER_HOST", "127.0.0.1");
    settings.put("CLUSTER_PORT", String.valueOf(clusterPort));
    settings.put("CLUSTER_MEMBERS", members);
    settings.put("KAFKA_CONSUMER_GROUP", GROUP);
    settings.put("EVENT_BUS_TIMEOUT_MS", "5000");
    settings.put("RATE_LIMIT_AUTH", AUTH_LIMIT + "/minute");
    return NodeProcess.create(log, settings);
  }

  @AfterAll
  static void stopCluster() {
    for (NodeProcess node : new NodeProcess[] {nodeA, nodeB, nodeC}) {
      if (node != null) {
        node.close();
      }
    }
  }

  @Test
  void fullFlowWorksThroughApiNode() {
    String projectId = api.createProject(admin);
    Auth key = Auth.key(api.createKey(projectId, "write", admin));
    String path = Api.collectionPath(projectId, api.createCollection(projectId, "flow", new JsonObject().put("v", "int"),
        admin));

    Response sent = api.post(path + "/send_data", new JsonObject().put("key", "a").put("v", 7), key);

    assertEquals(200, sent.status(), sent.toString());
    Response read = api.awaitData(path + "/get_data", key, r -> r.json().getJsonArray("data").size() == 1);
    assertEquals(7, read.json().getJsonArray("data").getJsonObject(0).getInteger("v"));
  }

  @Test
  void acknowledgedRecordsSurviveSinkNodeCrash() throws Exception {
    String projectId = api.createProject(admin);
    Auth key = Auth.key(api.createKey(projectId, "write", admin));
    String path = Api.collectionPath(projectId, api.createCollection(projectId, "crash", new JsonObject().put("seq", "int"),
        admin));
    Instant base = Instant.parse("2024-06-01T00:00:00Z");
    Map<Long, Boolean> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean sending = new AtomicBoolean(true);

    Thread client = new Thread(() -> {
      long seq = 0;
      while (sending.get()) {
        JsonArray batch = new JsonArray();
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 50; i++, seq++) {
          batch.add(new JsonObject().put("key", "k" + seq % 5).put("timestamp", base.plusSeconds(seq).toString())
              .put("seq", seq));
          seqs.add(seq);
        }
        try {
          if (api.post(path + "/send_data", batch, key).status() == 200) {
            seqs.forEach(s -> acknowledged.put(s, true));
          }
        } catch (IllegalStateException requestFailed) {
          // Not acknowledged, so not counted.
        }
      }
    }, "cluster-test-client");
    client.start();

    Thread.sleep(3000);
    nodeC.kill();
    Thread.sleep(4000);
    nodeC.start();
    Thread.sleep(3000);
    sending.set(false);
    client.join(30_000);

    assertTrue(acknowledged.size() >= 500, "too few acknowledged records to mean anything: " + acknowledged.size());
    Map<Long, Integer> stored = awaitAllStored(path, key, acknowledged.keySet().size());
    for (Long seq : acknowledged.keySet()) {
      assertEquals(1, stored.getOrDefault(seq, 0), "acknowledged record " + seq + " is stored " + stored.get(seq) + " times");
    }
  }

  @Test
  void missingQueryOwnerAnswers503AtOnceAndRecovers() throws Exception {
    String projectId = api.createProject(admin);
    Auth key = Auth.key(api.createKey(projectId, "read", admin));
    String path = Api.collectionPath(projectId, api.createCollection(projectId, "owners", new JsonObject().put("v", "int"),
        admin));
    assertEquals(200, api.get(path + "/get_data", key).status());

    assertEquals(0, nodeB.stop());
    long start = System.nanoTime();
    Response unavailable = api.get(path + "/get_data", admin);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(503, unavailable.status(), unavailable.toString());
    assertEquals("5", unavailable.header("Retry-After"));
    assertTrue(millis < 1000, "503 took " + millis + " ms");
    assertEquals(503, api.get("/ready", Auth.NONE).status());

    nodeB.start();
    nodeA.awaitReady(90);
    assertEquals(200, api.get(path + "/get_data", key).status());
  }

  @Test
  void rateLimitIsSharedAcrossApiNodes() {
    Api nodeBApi = nodeB.api();
    int accepted = 0;
    int rejectedByA = 0;
    int rejectedByB = 0;
    for (int i = 0; i < 2 * AUTH_LIMIT; i++) {
      Api node = i % 2 == 0 ? api : nodeBApi;
      Response login = node.login(io.cenotoo.testing.TestNode.ADMIN_USERNAME, io.cenotoo.testing.TestNode.ADMIN_PASSWORD);
      if (login.status() == 200) {
        accepted++;
      } else {
        assertEquals(429, login.status(), login.toString());
        assertTrue(login.header("Retry-After") != null);
        if (node == api) {
          rejectedByA++;
        } else {
          rejectedByB++;
        }
      }
    }

    // The bucket refills one login every 10 s, so start-up's login may be back; a limit per node
    // would let about twice as many pass.
    assertTrue(accepted <= AUTH_LIMIT, accepted + " logins passed; a per-node limit would let " + (2 * AUTH_LIMIT - 1));
    assertTrue(rejectedByA > 0, "node A never applied the shared limit");
    assertTrue(rejectedByB > 0, "node B never applied the shared limit");
  }

  @Test
  void deletedKeyStopsWorkingOnOtherApiNode() throws InterruptedException {
    String projectId = api.createProject(admin);
    String key = api.createKey(projectId, "read", admin);
    String path = Api.collectionPath(projectId, api.createCollection(projectId, "revoked", new JsonObject().put("v", "int"),
        admin));
    Api nodeBApi = nodeB.api();
    assertEquals(200, nodeBApi.get(path + "/get_data", Auth.key(key)).status());

    Response deleted = api.delete("/api/v1/projects/" + projectId + "/keys/delete_key",
        new JsonObject().put("key_value", key), admin);
    assertEquals(200, deleted.status(), deleted.toString());
    long start = System.currentTimeMillis();
    int status;
    do {
      status = nodeBApi.get(path + "/get_data", Auth.key(key)).status();
      if (status == 401) {
        break;
      }
      Thread.sleep(50);
    } while (System.currentTimeMillis() - start < 10_000);
    long millis = System.currentTimeMillis() - start;

    assertEquals(401, status);
    assertTrue(millis <= io.cenotoo.testing.TestNode.API_KEY_CACHE_SECONDS * 1000L,
        "the deleted key worked on node B for " + millis + " ms");
  }

  /** Reads every record through the cursor until the expected count is stored, counting each seq. */
  private static Map<Long, Integer> awaitAllStored(String path, Auth key, int expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 90_000;
    Map<Long, Integer> counts = new HashMap<>();
    while (System.currentTimeMillis() < deadline) {
      counts.clear();
      String cursor = null;
      do {
        String query = cursor == null ? "?limit=1000" : Api.query(Map.of("limit", "1000", "cursor", cursor));
        Response page = api.get(path + "/get_data" + query, key);
        if (page.status() != 200) {
          break;
        }
        page.json().getJsonArray("data").forEach(r -> counts.merge(((JsonObject) r).getLong("seq"), 1, Integer::sum));
        cursor = page.json().getString("next_cursor");
      } while (cursor != null);
      if (counts.size() >= expected) {
        return counts;
      }
      Thread.sleep(1000);
    }
    return counts;
  }
}
