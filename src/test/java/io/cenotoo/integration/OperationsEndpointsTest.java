package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.Deployment;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.cenotoo.testing.NodeProcess;
import io.cenotoo.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The routes for operators and integrators: the contract, Swagger UI, metrics and request ids. */
class OperationsEndpointsTest {

  private static Api api;

  @BeforeAll
  static void connect() {
    api = Api.forTestNode();
  }

  @Test
  void contractIsServed() {
    Response contract = api.get("/openapi.yaml", Auth.NONE);

    assertEquals(200, contract.status());
    assertTrue(contract.raw().body().contains("operationId: sendData"));
    assertTrue(contract.raw().body().contains("application/x-www-form-urlencoded"),
        "the served contract keeps the login form for generated clients");
  }

  @Test
  void swaggerUiIsServedFromWebjar() {
    Response page = api.get("/docs", Auth.NONE);
    Response bundle = api.get("/docs/assets/swagger-ui-bundle.js", Auth.NONE);

    assertEquals(200, page.status());
    assertTrue(page.raw().body().contains("/openapi.yaml"));
    assertEquals(200, bundle.status());
    assertTrue(bundle.raw().body().length() > 100_000);
  }

  @Test
  void metricsCoverRequestsKafkaSinkCassandraAndJvm() {
    Auth admin = Auth.bearer(api.adminToken());
    String projectId = api.createProject(admin);
    String path = Api.collectionPath(projectId, api.createCollection(projectId, "metered",
        new JsonObject().put("v", "int"), admin));
    assertEquals(200, api.post(path + "/send_data", new JsonObject().put("v", 1), admin).status());

    String metrics = api.get("/metrics", Auth.NONE).raw().body();

    assertTrue(metrics.contains("vertx_http_server_requests_total"), "HTTP request counter missing");
    assertTrue(metrics.contains("route=\"/api/v1/projects\""), "requests are not labelled by route");
    assertTrue(metrics.contains("cenotoo_kafka_send_seconds_count"), "Kafka send timer missing");
    assertTrue(metrics.contains("cenotoo_ingest_records_total{outcome=\"published\"}"), "ingest counter missing");
    assertTrue(counterValue(metrics, "cenotoo_ingest_bodies_total{path=\"streaming\"}") >= 1,
        "the valid body did not take the streaming path");
    assertTrue(metrics.contains("kafka_consumer_fetch_manager_records_lag"), "sink lag missing");
    assertTrue(metrics.contains("cql_requests_seconds"), "Cassandra request latency missing");
    assertTrue(metrics.contains("jvm_memory_committed_bytes{area=\"heap\""), "JVM heap metrics missing");
    assertTrue(metrics.contains("jvm_gc_pause_seconds_count"), "JVM collection pauses missing");
  }

  /** Returns the value of a Prometheus sample line that starts with {@code series}, or 0 when there is none. */
  private static double counterValue(String metrics, String series) {
    return metrics.lines().filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .findFirst().orElse(0);
  }

  @Test
  void requestIdIsEchoedOrGenerated() {
    Response generated = api.get("/health", Auth.NONE);
    Response second = api.get("/health", Auth.NONE);

    java.util.UUID id = java.util.UUID.fromString(generated.header("X-Request-Id"));
    assertEquals(4, id.version());
    assertEquals(2, id.variant());
    assertTrue(!generated.header("X-Request-Id").equals(second.header("X-Request-Id")));
  }

  @Test
  void standaloneNodeIsReadyWithoutSink() throws Exception {
    int port = NodeProcess.freePort();
    Vertx vertx = Vertx.vertx();
    try {
      deploy(vertx, port, "api,admin,ingest,query,stats");

      Response ready = new Api(port).get("/ready", Auth.NONE);

      assertEquals(200, ready.status(), ready.toString());
      assertEquals(Set.of("admin", "ingest", "query", "stats"), ready.json().getJsonObject("checks").fieldNames());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void stoppedNodeUndeploysEveryRole() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Deployment.Node node = deploy(vertx, NodeProcess.freePort(), "api,admin,ingest,query,stats,sink");
      // One deployment per role, and one more for the ingest role's readiness ping.
      assertEquals(7, vertx.deploymentIDs().size(), vertx.deploymentIDs().toString());

      node.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

      assertEquals(Set.of(), vertx.deploymentIDs());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** Deploys a node with these roles on the test stack, with its HTTP API on the port. */
  private static Deployment.Node deploy(Vertx vertx, int port, String roles) throws Exception {
    Config config = TestNode.config(port, Map.of(Setting.CENOTOO_ROLES.name(), roles));
    return Deployment.deploy(vertx, config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
