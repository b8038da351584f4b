package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.Main;
import io.cenotoo.embedded.StackEndpoints;
import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.SharedStack;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real node process stops on SIGTERM: it drains, closes its clients and exits with status 0. */
class GracefulShutdownTest {

  @Test
  void sigtermStopsNodeWithStatusZero(@TempDir Path dir) throws Exception {
    StackEndpoints stack = SharedStack.get();
    int port = freePort();
    Path log = dir.resolve("node.log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("HTTP_PORT", String.valueOf(port));
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_INSTANCES", "1");
    env.put("CASSANDRA_CONTACT_POINTS", stack.cassandraHost() + ":" + stack.cassandraPort());
    env.put("KAFKA_BROKERS", stack.kafkaBootstrap());
    env.put("KAFKA_CONSUMER_GROUP", "graceful-shutdown-test");
    env.put("CENOTOO_CONFIG", "does-not-exist.json");
    Process node = builder.start();
    try {
      awaitReady(new Api(port), node, log);

      node.toHandle().destroy();

      assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the node did not stop within 60 s");
      assertEquals(0, node.exitValue(), Files.readString(log));
      String output = Files.readString(log);
      assertTrue(output.contains("HTTP API stopping"), output);
      assertTrue(output.contains("Ingest owner stopping"), output);
      assertTrue(output.contains("Stopped"), output);
    } finally {
      node.destroyForcibly();
    }
  }

  private static void awaitReady(Api api, Process node, Path log) throws Exception {
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline) {
      if (!node.isAlive()) {
        throw new AssertionError("The node exited during start-up: " + Files.readString(log));
      }
      try {
        if (api.get("/ready", Auth.NONE).status() == 200) {
          return;
        }
      } catch (IllegalStateException notListening) {
        // The HTTP port is not open yet.
      }
      Thread.sleep(500);
    }
    throw new AssertionError("The node was not ready within 90 s: " + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
