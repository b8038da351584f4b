package io.cenotoo.testing;

import io.cenotoo.Main;
import io.cenotoo.embedded.StackEndpoints;
import io.cenotoo.testing.Api.Auth;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Cenotoo node in its own JVM process, on the shared Cassandra and Kafka, for tests that stop,
 * kill and restart nodes. Its output goes to a log file that failures quote.
 */
public final class NodeProcess implements AutoCloseable {

  /** The JVM options that the Docker image gives a node, relative to the project directory. */
  public static final Path JVM_OPTIONS = Path.of("conf", "jvm.options");
  /** The heap limit of every node process, which replaces the options' share of the machine's memory. */
  public static final String MAX_HEAP = "384m";
  private static final String LOGBACK_CONFIG = "logback.configurationFile";
  /**
   * The node's own logging configuration. The test classpath's logback-test.xml would take
   * precedence, and it writes the access log on the event loop instead of on a background thread.
   */
  private static final String NODE_LOGGING = "logback.xml";

  private final Map<String, String> environment;
  private final Path log;
  private final int httpPort;
  private Process process;
  /**
   * Shutdown hook that kills the node when this JVM exits without closing it, for example when a
   * benchmark or test run is interrupted, so that no node keeps running and holding its ports.
   */
  private Thread reaper;

  private NodeProcess(Map<String, String> environment, Path log, int httpPort) {
    this.environment = environment;
    this.log = log;
    this.httpPort = httpPort;
  }

  /** Creates a node with the test node's secrets and the given extra settings (roles, cluster, ...). */
  public static NodeProcess create(Path log, Map<String, String> settings) {
    StackEndpoints stack = SharedStack.get();
    int port = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("HTTP_PORT", String.valueOf(port));
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_INSTANCES", "1");
    env.put("CASSANDRA_CONTACT_POINTS", stack.cassandraHost() + ":" + stack.cassandraPort());
    env.put("CASSANDRA_DC", stack.cassandraLocalDatacenter());
    env.put("KAFKA_BROKERS", stack.kafkaBootstrap());
    env.put("ADMIN_USERNAME", TestNode.ADMIN_USERNAME);
    env.put("ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD);
    env.put("API_KEY_SECRET", TestNode.API_KEY_SECRET);
    env.put("JWT_SECRET_KEY", TestNode.JWT_SECRET);
    env.put("API_KEY_CACHE_SECONDS", String.valueOf(TestNode.API_KEY_CACHE_SECONDS));
    env.put("CENOTOO_CONFIG", "does-not-exist.json");
    // Tests send far more than a client's default 120 requests a minute; a test of the limits sets its own.
    env.put("RATE_LIMIT_DEFAULT", "1000000/minute");
    env.put("RATE_LIMIT_AUTH", "10000/minute");
    env.putAll(settings);
    return new NodeProcess(env, log, port);
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free loopback port", e);
    }
  }

  /** Returns the operating-system process id, for reading the node's memory and CPU time under /proc. */
  public long pid() {
    if (process == null) {
      throw new IllegalStateException("The node process has not been started");
    }
    return process.pid();
  }

  public int port() {
    return httpPort;
  }

  public Api api() {
    return new Api(httpPort);
  }

  /** Starts the process and waits until its log reports every role deployed. */
  public NodeProcess start() throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "@" + JVM_OPTIONS.toAbsolutePath(), "-Xmx" + MAX_HEAP, "-D" + LOGBACK_CONFIG + "=" + NODE_LOGGING,
        "-cp", System.getProperty("java.class.path"), Main.class.getName())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    process = builder.start();
    reaper = new Thread(process::destroyForcibly, "node-process-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    awaitLog("Node started", 120);
    return this;
  }

  /** Waits until the API returns 200 on {@code /ready}. */
  public void awaitReady(int seconds) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      try {
        if (api().get("/ready", Auth.NONE).status() == 200) {
          return;
        }
      } catch (IllegalStateException notListening) {
        // The HTTP port is not open yet.
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Node on port " + httpPort + " was not ready within " + seconds + " s: " + output());
  }

  /** Sends SIGTERM and waits for the exit status. */
  public int stop() throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Node did not stop within 60 s");
    }
    return process.exitValue();
  }

  /** Sends SIGKILL, as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public String output() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private void awaitLog(String line, int seconds) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    int from = output().length();
    while (System.currentTimeMillis() < deadline) {
      if (output().indexOf(line, from) >= 0) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("Node exited during start-up with status " + process.exitValue() + ": " + output());
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Node did not log '" + line + "' within " + seconds + " s: " + output());
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
    if (reaper != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting, and the hook kills the process anyway.
      }
      reaper = null;
    }
  }
}
