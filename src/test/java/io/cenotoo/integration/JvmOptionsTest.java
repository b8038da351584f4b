package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.config.Setting;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.NodeProcess;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM options that the Docker image gives a node ({@code conf/jvm.options}), checked on a node process. */
class JvmOptionsTest {

  private static final double MIB = 1024 * 1024;

  @Test
  void heapKeepsSizeAfterFullCollection(@TempDir Path dir) throws Exception {
    try (NodeProcess node = NodeProcess.create(dir.resolve("node.log"), Map.of(Setting.CENOTOO_ROLES.name(), "api,admin"))) {
      node.start();
      // A full collection resizes the heap by the free-ratio bounds, as the end of a concurrent
      // marking cycle does, but at a time the test chooses.
      runFullCollection(node.pid());

      String metrics = node.api().get("/metrics", Auth.NONE).raw().body();

      double committed = sum(metrics, "jvm_memory_committed_bytes{area=\"heap\"");
      double max = sum(metrics, "jvm_memory_max_bytes{area=\"heap\",id=\"G1 Old Gen\"}");
      assertTrue(max > 0, "no G1 old generation in the metrics:\n" + metrics);
      assertTrue(committed >= 0.9 * max, String.format("the heap shrank to %.0f MiB of %.0f MiB after a full collection",
          committed / MIB, max / MIB));
    }
  }

  private static void runFullCollection(long pid) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "jcmd GC.run did not finish");
    assertEquals(0, process.exitValue(), output);
  }

  /** Adds up the values of the Prometheus sample lines that start with {@code series}. */
  private static double sum(String metrics, String series) {
    return metrics.lines().filter(line -> line.startsWith(series))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
