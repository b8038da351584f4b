package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.NodeProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real node process stops on SIGTERM: it drains, closes its clients and exits with status 0. */
class GracefulShutdownTest {

  @Test
  void sigtermStopsNodeWithStatusZero(@TempDir Path dir) throws Exception {
    try (NodeProcess node = NodeProcess.create(dir.resolve("node.log"),
        Map.of("KAFKA_CONSUMER_GROUP", "graceful-shutdown-test"))) {
      node.start().awaitReady(60);
      node.api().get("/health?graceful-shutdown-test", Api.Auth.NONE);

      int status = node.stop();

      String output = node.output();
      assertEquals(0, status, output);
      assertTrue(output.contains("HTTP API stopping"), output);
      assertTrue(output.contains("Ingest owner stopping"), output);
      assertTrue(output.contains("Stopped"), output);
      // The access log is written asynchronously; its queued lines must reach the output on exit.
      assertTrue(output.contains("GET /health 200"), output);
    }
  }
}
