package io.cenotoo.embedded;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded Cassandra and Kafka for {@code make dev} until Ctrl-C.
 *
 * <p>Settings come from system properties, else environment variables, else defaults:
 * {@code embedded.cassandra.port} / {@code EMBEDDED_CASSANDRA_PORT} (9042),
 * {@code embedded.kafka.port} / {@code EMBEDDED_KAFKA_PORT} (9092) and
 * {@code embedded.work.dir} / {@code EMBEDDED_WORK_DIR} ({@code <project>/.dev/stack}). Data in the
 * work directory survives restarts.
 */
public final class EmbeddedStackMain {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStackMain.class);

  private EmbeddedStackMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedStack.Options options;
    try {
      options = optionsFromSettings();
    } catch (IllegalArgumentException e) {
      LOG.error("Invalid embedded stack setting: {}", e.getMessage());
      System.exit(2);
      return;
    }

    EmbeddedStack stack;
    try {
      stack = EmbeddedStack.start(options);
    } catch (EmbeddedStackException e) {
      LOG.error("Failed to start the embedded stack in {}", options.workDir(), e);
      System.exit(1);
      return;
    }

    System.out.println("Cassandra CQL: " + stack.cassandraHost() + ":" + stack.cassandraPort()
        + " (local datacenter " + stack.cassandraLocalDatacenter() + ")");
    System.out.println("Kafka bootstrap servers: " + stack.kafkaBootstrap());
    System.out.println("Logs and data: " + options.workDir() + "; press Ctrl-C to stop.");

    // This wait returns when a child exits, either on its own or because Ctrl-C ran the stack's
    // shutdown hook, which stops both children.
    String exited = stack.anyChildExit().join();
    // Ctrl-C in a terminal sends SIGINT to the children too, so a child can exit a moment before
    // the shutdown hook marks the stack closed. That is a normal stop, not a crash.
    Thread.sleep(500);
    if (stack.isClosed() || isShuttingDown()) {
      return;
    }
    LOG.error("{} exited unexpectedly, stopping the embedded stack\n{}", exited, stack.logTail(exited));
    stack.close();
    System.exit(1);
  }

  private static boolean isShuttingDown() {
    Thread probe = new Thread(() -> {});
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  /** Builds the options from system properties and environment variables. */
  static EmbeddedStack.Options optionsFromSettings() {
    EmbeddedStack.Options defaults = EmbeddedStack.Options.defaults();
    int cassandraPort =
        port("embedded.cassandra.port", "EMBEDDED_CASSANDRA_PORT", defaults.cassandraPort());
    int kafkaPort = port("embedded.kafka.port", "EMBEDDED_KAFKA_PORT", defaults.kafkaPort());
    String workDir = setting("embedded.work.dir", "EMBEDDED_WORK_DIR");
    EmbeddedStack.Options options = defaults.withPorts(cassandraPort, kafkaPort);
    return workDir == null ? options : options.withWorkDir(Path.of(workDir));
  }

  private static int port(String property, String variable, int fallback) {
    String value = setting(property, variable);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          property + " / " + variable + " '" + value + "' is not a port number", e);
    }
  }

  private static String setting(String property, String variable) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? null : value;
  }
}
