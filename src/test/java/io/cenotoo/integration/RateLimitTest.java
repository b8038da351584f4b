package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.http.HttpVerticle;
import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.cenotoo.testing.TestNode;
import io.vertx.core.DeploymentOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rate limits on extra HTTP verticles with low limits, deployed next to the test node's owners. Each
 * test uses its own limit values, so its buckets are not shared with other tests.
 */
class RateLimitTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @Test
  void authLimitGives429WithRetryAfter() throws Exception {
    Api api = deploy("999/minute", "3/minute", false);

    for (int i = 0; i < 3; i++) {
      assertEquals(401, api.login(TestNode.ADMIN_USERNAME, "wrong-password").status());
    }
    Response limited = api.login(TestNode.ADMIN_USERNAME, TestNode.ADMIN_PASSWORD);

    assertEquals(429, limited.status(), limited.toString());
    assertEquals("application/problem+json", limited.header("Content-Type"));
    assertTrue(Long.parseLong(limited.header("Retry-After")) >= 1, limited.header("Retry-After"));
    assertEquals("3", limited.header("RateLimit-Limit"));
    assertEquals("0", limited.header("RateLimit-Remaining"));
    assertEquals(200, api.get("/health", Auth.NONE).status(), "other paths stay open");
  }

  @Test
  void defaultLimitCountsEveryRoute() throws Exception {
    Api api = deploy("4/minute", "997/minute", false);

    Response first = api.get("/health", Auth.NONE);
    api.get("/api/v1/projects", Auth.NONE);
    api.get("/health", Auth.NONE);
    Response fourth = api.get("/openapi.yaml", Auth.NONE);
    Response fifth = api.get("/health", Auth.NONE);

    assertEquals("4", first.header("RateLimit-Limit"));
    assertEquals("3", first.header("RateLimit-Remaining"));
    assertNotNull(first.header("RateLimit-Reset"));
    assertEquals("0", fourth.header("RateLimit-Remaining"));
    assertEquals(429, fifth.status(), fifth.toString());
  }

  @Test
  void forwardedForIsIgnoredUnlessTrusted() throws Exception {
    int port = deployPort("3/minute", "996/minute", false);

    for (int i = 0; i < 3; i++) {
      assertEquals(200, health(port, "192.0.2." + i));
    }

    assertEquals(429, health(port, "192.0.2.99"));
  }

  @Test
  void trustedForwardedForSeparatesClients() throws Exception {
    int port = deployPort("2/minute", "995/minute", true);

    assertEquals(200, health(port, "192.0.2.1"));
    assertEquals(200, health(port, "192.0.2.1, 127.0.0.1"));
    assertEquals(429, health(port, "192.0.2.1"));

    assertEquals(200, health(port, "192.0.2.2"));
  }

  private static int health(int port, String forwardedFor) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .header("X-Forwarded-For", forwardedFor).GET().build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static Api deploy(String defaultLimit, String authLimit, boolean trustForwardedFor) throws Exception {
    return new Api(deployPort(defaultLimit, authLimit, trustForwardedFor));
  }

  private static int deployPort(String defaultLimit, String authLimit, boolean trustForwardedFor) throws Exception {
    TestNode node = TestNode.get();
    int port = freePort();
    Config config = node.config().with(Map.of(
        Setting.HTTP_PORT, String.valueOf(port),
        Setting.RATE_LIMIT_DEFAULT, defaultLimit,
        Setting.RATE_LIMIT_AUTH, authLimit,
        Setting.RATE_LIMIT_TRUST_FORWARDED_FOR, String.valueOf(trustForwardedFor)));
    node.vertx().deployVerticle(HttpVerticle.class, new DeploymentOptions().setConfig(config.toJson()))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return port;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
