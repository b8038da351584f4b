package io.cenotoo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.admin.Tokens;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP verticle alone, with no owner verticle deployed: contract checks, problem details and the
 * responses when owners are missing. Needs neither Cassandra nor Kafka.
 */
@ExtendWith(VertxExtension.class)
class HttpLayerTest {

  private static final int MAX_BODY = 2048;
  private static int port;
  private static String token;

  @BeforeAll
  static void deployApiOnly(Vertx vertx, VertxTestContext context) throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Config config = Config.load(Map.of(
        Setting.HTTP_PORT.name(), String.valueOf(port),
        Setting.HTTP_HOST.name(), "127.0.0.1",
        Setting.CENOTOO_ROLES.name(), "api",
        Setting.MAX_BODY_BYTES.name(), String.valueOf(MAX_BODY),
        Setting.EVENT_BUS_TIMEOUT_MS.name(), "3000",
        Config.CONFIG_FILE_VARIABLE, "does-not-exist.json"));
    token = new Tokens(vertx, config).issuePair("member", "user", config.organizationId()).getString("access_token");
    vertx.deployVerticle(HttpVerticle.class, new DeploymentOptions().setConfig(config.toJson()))
        .onComplete(context.succeedingThenComplete());
  }

  private static HttpResponse<Buffer> send(Vertx vertx, HttpMethod method, String path, String body, String auth)
      throws Exception {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    var request = client.request(method, path);
    if (auth != null) {
      request.putHeader("Authorization", "Bearer " + auth);
    }
    request.putHeader("Content-Type", "application/json");
    var future = body == null ? request.send() : request.sendBuffer(Buffer.buffer(body));
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void healthAnswersWithoutOwners(Vertx vertx) throws Exception {
    HttpResponse<Buffer> response = send(vertx, HttpMethod.GET, "/health", null, null);

    assertEquals(200, response.statusCode());
    assertEquals("ok", response.bodyAsJsonObject().getString("status"));
    assertNotNull(response.getHeader("X-Request-Id"));
  }

  @Test
  void readyIs503NamingMissingRoles(Vertx vertx) throws Exception {
    HttpResponse<Buffer> response = send(vertx, HttpMethod.GET, "/ready", null, null);

    assertEquals(503, response.statusCode());
    JsonObject checks = response.bodyAsJsonObject().getJsonObject("checks");
    assertTrue(checks.getString("admin").startsWith("error"), checks.encode());
    assertTrue(checks.getString("ingest").startsWith("error"), checks.encode());
  }

  /** Without the admin owner no access token can be checked for revocation, so none is accepted. */
  @Test
  void uncheckableTokenFailsClosed(Vertx vertx) throws Exception {
    HttpResponse<Buffer> response = send(vertx, HttpMethod.GET, "/api/v1/organization", null, token);

    assertEquals(503, response.statusCode(), response.bodyAsString());
    assertTrue(response.bodyAsJsonObject().getString("detail").contains("cannot check this token"),
        response.bodyAsString());
    assertEquals(FailureHandler.RETRY_AFTER_SECONDS, response.getHeader("Retry-After"));
  }

  @Test
  void missingOwnerAnswers503WithRetryAfterAtOnce(Vertx vertx) throws Exception {
    long start = System.nanoTime();
    HttpResponse<Buffer> response = send(vertx, HttpMethod.GET, "/api/v1/projects", null, token);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(503, response.statusCode(), response.bodyAsString());
    assertEquals(FailureHandler.RETRY_AFTER_SECONDS, response.getHeader("Retry-After"));
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    assertTrue(millis < 1000, "503 took " + millis + " ms");
  }

  @Test
  void malformedUuidIs400NamingParameter(Vertx vertx) throws Exception {
    HttpResponse<Buffer> response = send(vertx, HttpMethod.GET, "/api/v1/projects/not-a-uuid", null, token);

    assertEquals(400, response.statusCode(), response.bodyAsString());
    JsonObject problem = response.bodyAsJsonObject();
    assertEquals(400, problem.getInteger("status"));
    assertEquals("project_id", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void invalidBodyIsRejectedBeforeOwner(Vertx vertx) throws Exception {
    HttpResponse<Buffer> response = send(vertx, HttpMethod.POST, "/api/v1/projects", "{\"project_name\": \"bad name!\"}",
        token);

    assertEquals(422, response.statusCode(), response.bodyAsString());
    assertTrue(response.bodyAsJsonObject().getJsonArray("errors").encode().contains("project_name"),
        response.bodyAsString());
  }

  @Test
  void bodyAboveLimitIs413StatingLimit(Vertx vertx) throws Exception {
    String path = "/api/v1/projects/" + UUID.randomUUID() + "/collections/" + UUID.randomUUID() + "/send_data";
    String body = "[" + "{\"a\": 1},".repeat(MAX_BODY / 8) + "{\"a\": 1}]";

    HttpResponse<Buffer> response = send(vertx, HttpMethod.POST, path, body, token);

    assertEquals(413, response.statusCode(), response.bodyAsString());
    assertTrue(response.bodyAsJsonObject().getString("detail").contains(String.valueOf(MAX_BODY)));
  }

  @Test
  void unknownPathIs404Problem(Vertx vertx) throws Exception {
    HttpResponse<Buffer> response = send(vertx, HttpMethod.GET, "/api/v1/nothing-here", null, null);

    assertEquals(404, response.statusCode());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
  }

  @Test
  void wrongMethodOnDataPathIs405(Vertx vertx) throws Exception {
    String collection = "/api/v1/projects/" + UUID.randomUUID() + "/collections/" + UUID.randomUUID();

    HttpResponse<Buffer> getSend = send(vertx, HttpMethod.GET, collection + "/send_data", null, token);
    HttpResponse<Buffer> postGet = send(vertx, HttpMethod.POST, collection + "/get_data", "{}", token);

    for (HttpResponse<Buffer> response : List.of(getSend, postGet)) {
      assertEquals(405, response.statusCode(), response.bodyAsString());
      assertEquals("application/problem+json", response.getHeader("Content-Type"));
      assertEquals(405, response.bodyAsJsonObject().getInteger("status"));
    }
  }

  @Test
  void unknownDataPathIs404(Vertx vertx) throws Exception {
    HttpResponse<Buffer> response = send(vertx, HttpMethod.POST, "/api/v1/projects/send_data", "{}", token);

    assertEquals(404, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
  }

  @Test
  void missingCredentialsIs401(Vertx vertx) throws Exception {
    HttpResponse<Buffer> response = send(vertx, HttpMethod.GET, "/api/v1/organization", null, null);

    assertEquals(401, response.statusCode());
    assertEquals("Bearer", response.getHeader("WWW-Authenticate"));
  }
}
