package io.cenotoo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cenotoo.config.Setting;
import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.cenotoo.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The bytes that the test node, which runs in this JVM, counts for request bodies in progress
 * return to zero however a request ends, so that the budget never fills up with requests long gone.
 */
class BodyBudgetTest {

  @Test
  void countReturnsToZeroAfterRequests() throws Exception {
    Api api = Api.forTestNode();
    Auth admin = Auth.bearer(api.adminToken());
    String projectId = api.createProject(admin);
    Auth writeKey = Auth.key(api.createKey(projectId, "write", admin));
    String path = Api.collectionPath(projectId, api.createCollection(projectId, "budget",
        new JsonObject().put("note", "text"), admin));
    int maxBody = TestNode.get().config().getInt(Setting.MAX_BODY_BYTES);

    Response stored = api.post(path + "/send_data", new JsonObject().put("note", "n"), writeKey);
    Response invalid = api.post(path + "/send_data", new JsonObject().put("other", 1), writeKey);
    Response tooLarge = api.post(path + "/send_data", new JsonObject().put("note", "x".repeat(maxBody)), writeKey);
    abandonBody(path);

    assertEquals(200, stored.status(), stored.toString());
    assertEquals(422, invalid.status(), invalid.toString());
    assertEquals(413, tooLarge.status(), tooLarge.toString());
    awaitZero();
  }

  /** Sends the headers and half of a declared body, then closes the connection. */
  private static void abandonBody(String path) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), TestNode.get().port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + "/send_data HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100000\r\n\r\n" + "[".repeat(50_000)).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(200);
    }
  }

  private static void awaitZero() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (BodyBudget.inProgress() != 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, BodyBudget.inProgress(), "bytes still counted for requests that ended");
  }
}
