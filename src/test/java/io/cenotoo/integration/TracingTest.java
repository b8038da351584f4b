package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.Deployment;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.embedded.StackEndpoints;
import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.NodeProcess;
import io.cenotoo.testing.SharedStack;
import io.cenotoo.testing.TestNode;
import io.cenotoo.tracing.Tracing;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One send_data request yields one connected trace: HTTP, event bus, Kafka send and the sink's write. */
class TracingTest {

  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static Vertx vertx;
  private static OpenTelemetrySdk sdk;
  private static Api api;

  @BeforeAll
  static void startTracedNode() throws Exception {
    StackEndpoints stack = SharedStack.get();
    int port = NodeProcess.freePort();
    Config config = Config.load(Map.of(
        Setting.HTTP_PORT.name(), String.valueOf(port),
        Setting.HTTP_HOST.name(), "127.0.0.1",
        Setting.HTTP_INSTANCES.name(), "1",
        Setting.CASSANDRA_CONTACT_POINTS.name(), stack.cassandraHost() + ":" + stack.cassandraPort(),
        Setting.KAFKA_BROKERS.name(), stack.kafkaBootstrap(),
        Setting.KAFKA_CONSUMER_GROUP.name(), "tracing-test-sink",
        Setting.ADMIN_USERNAME.name(), TestNode.ADMIN_USERNAME,
        Setting.ADMIN_PASSWORD.name(), TestNode.ADMIN_PASSWORD,
        Setting.API_KEY_SECRET.name(), TestNode.API_KEY_SECRET,
        Config.CONFIG_FILE_VARIABLE, "does-not-exist.json"));
    VertxBuilder builder = Vertx.builder();
    sdk = Tracing.install(builder, SimpleSpanProcessor.create(SPANS), "cenotoo-test");
    vertx = builder.build();
    Tracing.register(vertx, sdk);
    Deployment.deploy(vertx, config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    api = new Api(port);
  }

  @AfterAll
  static void stopTracedNode() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    sdk.close();
  }

  @Test
  void sendDataIsOneConnectedTrace() throws Exception {
    Auth admin = Auth.bearer(api.adminToken());
    String projectId = api.createProject(admin);
    String path = Api.collectionPath(projectId, api.createCollection(projectId, "traced", new JsonObject().put("v", "int"),
        admin));
    SPANS.reset();

    assertEquals(200, api.post(path + "/send_data", new JsonObject().put("key", "t").put("v", 1), admin).status());

    SpanData server = await(() -> SPANS.getFinishedSpanItems().stream()
        .filter(span -> span.getKind() == SpanKind.SERVER && span.getAttributes().toString().contains("send_data"))
        .findFirst().orElse(null));
    String traceId = server.getTraceId();
    SpanData sinkWrite = await(() -> inTrace(traceId).stream()
        .filter(span -> span.getName().equals("cenotoo.sink.write")).findFirst().orElse(null));
    List<SpanData> trace = inTrace(traceId);

    assertTrue(trace.stream().anyMatch(span -> span.getKind() == SpanKind.PRODUCER), "no Kafka send span: " + names(trace));
    assertTrue(trace.stream().anyMatch(span -> span.getKind() == SpanKind.CLIENT
        && span.getAttributes().toString().contains("cenotoo.ingest.send-data")),
        "no event-bus span for the ingest hop: " + names(trace));
    assertNotNull(sinkWrite);
    assertEquals(traceId, sinkWrite.getTraceId());
  }

  private static List<SpanData> inTrace(String traceId) {
    return SPANS.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
  }

  private static List<String> names(List<SpanData> spans) {
    return spans.stream().map(span -> span.getKind() + " " + span.getName()).toList();
  }

  private static <T> T await(java.util.function.Supplier<T> probe) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Span not exported within 30 s; spans: " + names(SPANS.getFinishedSpanItems()));
  }
}
