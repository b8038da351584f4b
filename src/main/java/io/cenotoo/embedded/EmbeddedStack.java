package io.cenotoo.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Cassandra 5.0 node and a real Apache Kafka 4 node, each running in its own child
 * JVM on 127.0.0.1.
 *
 * <p>The children get classpaths that Maven resolves from {@code embedded/cassandra/pom.xml} and
 * {@code embedded/kafka/pom.xml}, so that their Netty, kafka-clients and logging versions never
 * meet the application's. Their data, generated configuration, logs and PID files live in
 * {@link Options#workDir()}. A JVM shutdown hook stops both children if {@link #close()} is never
 * called.
 */
public final class EmbeddedStack implements StackEndpoints, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

  private final Options options;
  private final int cassandraPort;
  private final int kafkaPort;
  private final ChildProcess cassandra;
  private final ChildProcess kafka;
  private final Thread shutdownHook;
  /** Shared with the shutdown hook, so that the children are stopped only once. */
  private final AtomicBoolean closed;

  private EmbeddedStack(
      Options options,
      int cassandraPort,
      int kafkaPort,
      ChildProcess cassandra,
      ChildProcess kafka,
      Thread shutdownHook,
      AtomicBoolean closed) {
    this.options = options;
    this.cassandraPort = cassandraPort;
    this.kafkaPort = kafkaPort;
    this.cassandra = cassandra;
    this.kafka = kafka;
    this.shutdownHook = shutdownHook;
    this.closed = closed;
  }

  /**
   * Launches both servers and blocks until Cassandra executes a CQL query and the Kafka broker
   * returns cluster metadata.
   *
   * <p>Before launching, it stops children that a dead launcher left running in the same work
   * directory. On failure it stops whatever it launched.
   *
   * @throws WorkDirInUseException if another live JVM runs a stack in the same work directory
   * @throws EmbeddedStackException if a classpath cannot be resolved, a fixed port is in use, or a
   *     server exits or misses
   *     {@link Options#startTimeout()}; the message then ends with the last 40 lines of that
   *     server's log
   */
  public static EmbeddedStack start(Options options) {
    Objects.requireNonNull(options, "options");
    long started = System.nanoTime();
    long deadline = started + options.startTimeout().toNanos();
    Path workDir = options.workDir();
    LOG.info("Starting embedded Cassandra and Kafka in {}", workDir);

    String marker = ChildProcess.markerArgument(workDir);
    ChildProcess.stopLeftover(
        CassandraNode.NAME, workDir.resolve("cassandra.pid"), marker, options.stopTimeout());
    ChildProcess.stopLeftover(
        KafkaNode.NAME, workDir.resolve("kafka.pid"), marker, options.stopTimeout());
    prepareWorkDir(options);

    String cassandraClasspath = ChildClasspath.resolve(options.projectDir(), "cassandra");
    String kafkaClasspath = ChildClasspath.resolve(options.projectDir(), "kafka");

    List<Integer> free = LoopbackPorts.freePorts(4);
    int nativePort = pickPort(options.cassandraPort(), free.get(0), "the Cassandra native port");
    int brokerPort = pickPort(options.kafkaPort(), free.get(1), "the Kafka broker port");
    CassandraNode.Ports cassandraPorts =
        new CassandraNode.Ports(nativePort, distinctFrom(free.get(2), nativePort, brokerPort));
    KafkaNode.Ports kafkaPorts =
        new KafkaNode.Ports(brokerPort, distinctFrom(free.get(3), nativePort, brokerPort));

    List<ChildProcess> launched = new ArrayList<>();
    AtomicBoolean closed = new AtomicBoolean();
    Thread hook =
        new Thread(
            () -> {
              if (closed.compareAndSet(false, true)) {
                LOG.info("JVM is shutting down, stopping embedded Cassandra and Kafka");
                stopAll(launched, options.stopTimeout());
              }
            },
            "embedded-stack-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      // Both JVMs start in parallel, and the Kafka storage format runs while Cassandra boots.
      ChildProcess cassandra =
          addTo(launched, CassandraNode.launch(options, cassandraClasspath, cassandraPorts));
      ChildProcess kafka = addTo(launched, KafkaNode.launch(options, kafkaClasspath, kafkaPorts));
      KafkaNode.awaitReady(kafka, brokerPort, deadline);
      CassandraNode.awaitReady(cassandra, nativePort, deadline);

      LOG.info(
          "Embedded Cassandra on 127.0.0.1:{} and Kafka on 127.0.0.1:{} ready in {} ms",
          nativePort,
          brokerPort,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return new EmbeddedStack(options, nativePort, brokerPort, cassandra, kafka, hook, closed);
    } catch (RuntimeException e) {
      // The caller receives the exception and logs it, so this only records the clean-up.
      String firstLine = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      LOG.info("Start in {} failed, stopping what was launched: {}", workDir, firstLine);
      closed.set(true);
      stopAll(launched, options.stopTimeout());
      removeShutdownHook(hook);
      throw e;
    }
  }

  private static ChildProcess addTo(List<ChildProcess> launched, ChildProcess child) {
    synchronized (launched) {
      launched.add(child);
    }
    return child;
  }

  private static int pickPort(int requested, int free, String purpose) {
    if (requested == 0) {
      return free;
    }
    LoopbackPorts.requireFree(requested, purpose);
    return requested;
  }

  /** Returns {@code candidate}, or a new free port if it equals one of the fixed ports. */
  private static int distinctFrom(int candidate, int first, int second) {
    while (candidate == first || candidate == second) {
      candidate = LoopbackPorts.freePorts(1).get(0);
    }
    return candidate;
  }

  private static void prepareWorkDir(Options options) {
    Path workDir = options.workDir();
    try {
      if (options.cleanStart() && Files.exists(workDir)) {
        LOG.info("Deleting old embedded data in {}", workDir);
        deleteRecursively(workDir);
      }
      Files.createDirectories(workDir.resolve("logs"));
    } catch (IOException e) {
      throw new EmbeddedStackException("Failed to prepare work directory " + workDir, e);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Sends SIGTERM to all children at once, then waits for each. */
  private static void stopAll(List<ChildProcess> children, Duration timeout) {
    List<ChildProcess> snapshot;
    synchronized (children) {
      snapshot = new ArrayList<>(children);
    }
    for (ChildProcess child : snapshot) {
      child.requestStop();
    }
    for (ChildProcess child : snapshot) {
      child.awaitStop(timeout);
    }
  }

  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down, and the hook is running or has run.
    }
  }

  @Override
  public String cassandraHost() {
    return LoopbackPorts.LOOPBACK;
  }

  @Override
  public int cassandraPort() {
    return cassandraPort;
  }

  @Override
  public String kafkaBootstrap() {
    return LoopbackPorts.LOOPBACK + ":" + kafkaPort;
  }

  /** Kafka broker port on 127.0.0.1. */
  public int kafkaPort() {
    return kafkaPort;
  }

  /** PID of the Cassandra child JVM. */
  public long cassandraPid() {
    return cassandra.pid();
  }

  /** PID of the Kafka child JVM. */
  public long kafkaPid() {
    return kafka.pid();
  }

  public Options options() {
    return options;
  }

  /** Returns whether {@link #close()} or the shutdown hook has started stopping the children. */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Returns a future that completes with the name of the first child ("Cassandra" or "Kafka") to
   * exit, whether it crashed or was stopped by {@link #close()}.
   */
  public CompletableFuture<String> anyChildExit() {
    CompletableFuture<String> cassandraExit = cassandra.process().onExit().thenApply(p -> cassandra.name());
    CompletableFuture<String> kafkaExit = kafka.process().onExit().thenApply(p -> kafka.name());
    return cassandraExit.applyToEither(kafkaExit, name -> name);
  }

  /** Returns the last 40 lines of the log of the child named {@code name}. */
  public String logTail(String name) {
    return CassandraNode.NAME.equals(name) ? cassandra.logTail() : kafka.logTail();
  }

  /**
   * Removes the stack's own shutdown hook, for an owner whose shutdown hook closes the stack after
   * its own clean-up. The JVM runs shutdown hooks concurrently, so otherwise the servers could stop
   * while the owner still flushes and commits against them.
   */
  public void detachShutdownHook() {
    removeShutdownHook(shutdownHook);
  }

  /**
   * Stops both children: SIGTERM to both, then SIGKILL to any that has not exited within
   * {@link Options#stopTimeout()}. Returns after both have exited. Calls after the first do nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long started = System.nanoTime();
    LOG.info("Stopping embedded Cassandra and Kafka in {}", options.workDir());
    stopAll(List.of(kafka, cassandra), options.stopTimeout());
    removeShutdownHook(shutdownHook);
    LOG.info(
        "Stopped embedded Cassandra and Kafka in {} ms",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /**
   * Settings of an {@link EmbeddedStack}. Ports are on 127.0.0.1, and port 0 means a free port
   * picked at start. Heap sizes use the JVM's {@code -Xmx} syntax, such as {@code 512m} or
   * {@code 1g}.
   *
   * @param workDir directory for data, generated configuration, logs and PID files
   * @param projectDir directory that contains {@code embedded/cassandra/pom.xml} and
   *     {@code embedded/kafka/pom.xml}
   * @param cleanStart whether to delete {@code workDir} before starting, after stopping leftovers
   */
  public record Options(
      Path workDir,
      Path projectDir,
      int cassandraPort,
      int kafkaPort,
      String cassandraInitialHeap,
      String cassandraMaxHeap,
      String kafkaInitialHeap,
      String kafkaMaxHeap,
      Duration startTimeout,
      Duration stopTimeout,
      boolean cleanStart) {

    /** Cassandra native port for {@code make dev}, the CQL default. */
    public static final int DEV_CASSANDRA_PORT = 9042;

    /** Kafka broker port for {@code make dev}, the Kafka default. */
    public static final int DEV_KAFKA_PORT = 9092;

    /** System property naming the project directory; the current directory is used when unset. */
    public static final String PROJECT_DIR_PROPERTY = "cenotoo.project.dir";

    private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    public Options {
      Objects.requireNonNull(workDir, "workDir");
      Objects.requireNonNull(projectDir, "projectDir");
      workDir = workDir.toAbsolutePath().normalize();
      projectDir = projectDir.toAbsolutePath().normalize();
      requirePort(cassandraPort, "cassandraPort");
      requirePort(kafkaPort, "kafkaPort");
      if (cassandraPort != 0 && cassandraPort == kafkaPort) {
        throw new IllegalArgumentException(
            "cassandraPort and kafkaPort are both " + cassandraPort + "; they must differ");
      }
      requireHeap(cassandraInitialHeap, "cassandraInitialHeap");
      requireHeap(cassandraMaxHeap, "cassandraMaxHeap");
      requireHeap(kafkaInitialHeap, "kafkaInitialHeap");
      requireHeap(kafkaMaxHeap, "kafkaMaxHeap");
      requirePositive(startTimeout, "startTimeout");
      requirePositive(stopTimeout, "stopTimeout");
    }

    /**
     * Returns the {@code make dev} settings: work directory {@code <project>/.dev/stack}, ports
     * 9042 and 9092, Cassandra heap 512 MiB to 2 GiB, Kafka heap 256 to 512 MiB, 120 s to start
     * and 30 s to stop each server.
     */
    public static Options defaults() {
      Path projectDir = defaultProjectDir();
      return new Options(
          projectDir.resolve(".dev").resolve("stack"),
          projectDir,
          DEV_CASSANDRA_PORT,
          DEV_KAFKA_PORT,
          "512m",
          "2g",
          "256m",
          "512m",
          Duration.ofSeconds(120),
          Duration.ofSeconds(30),
          false);
    }

    /** Returns {@link #defaults()} with free ports, the given work directory and a clean start. */
    public static Options forTests(Path workDir) {
      return defaults().withWorkDir(workDir).withPorts(0, 0).withCleanStart(true);
    }

    /** Returns the value of {@code cenotoo.project.dir}, else the current directory. */
    public static Path defaultProjectDir() {
      String property = System.getProperty(PROJECT_DIR_PROPERTY);
      return Path.of(property == null || property.isBlank() ? "" : property)
          .toAbsolutePath()
          .normalize();
    }

    public Options withWorkDir(Path value) {
      return new Options(value, projectDir, cassandraPort, kafkaPort, cassandraInitialHeap,
          cassandraMaxHeap, kafkaInitialHeap, kafkaMaxHeap, startTimeout, stopTimeout, cleanStart);
    }

    public Options withProjectDir(Path value) {
      return new Options(workDir, value, cassandraPort, kafkaPort, cassandraInitialHeap,
          cassandraMaxHeap, kafkaInitialHeap, kafkaMaxHeap, startTimeout, stopTimeout, cleanStart);
    }

    /** Returns a copy with the given Cassandra native port and Kafka broker port; 0 picks a free port. */
    public Options withPorts(int cassandra, int kafka) {
      return new Options(workDir, projectDir, cassandra, kafka, cassandraInitialHeap,
          cassandraMaxHeap, kafkaInitialHeap, kafkaMaxHeap, startTimeout, stopTimeout, cleanStart);
    }

    public Options withCassandraHeap(String initial, String max) {
      return new Options(workDir, projectDir, cassandraPort, kafkaPort, initial, max,
          kafkaInitialHeap, kafkaMaxHeap, startTimeout, stopTimeout, cleanStart);
    }

    public Options withKafkaHeap(String initial, String max) {
      return new Options(workDir, projectDir, cassandraPort, kafkaPort, cassandraInitialHeap,
          cassandraMaxHeap, initial, max, startTimeout, stopTimeout, cleanStart);
    }

    public Options withTimeouts(Duration start, Duration stop) {
      return new Options(workDir, projectDir, cassandraPort, kafkaPort, cassandraInitialHeap,
          cassandraMaxHeap, kafkaInitialHeap, kafkaMaxHeap, start, stop, cleanStart);
    }

    public Options withCleanStart(boolean value) {
      return new Options(workDir, projectDir, cassandraPort, kafkaPort, cassandraInitialHeap,
          cassandraMaxHeap, kafkaInitialHeap, kafkaMaxHeap, startTimeout, stopTimeout, value);
    }

    private static void requirePort(int port, String name) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(name + " " + port + " is not in 0..65535");
      }
    }

    private static void requireHeap(String size, String name) {
      if (size == null || !HEAP_SIZE.matcher(size).matches()) {
        throw new IllegalArgumentException(
            name + " '" + size + "' is invalid; expected a JVM size such as 512m or 1g");
      }
    }

    private static void requirePositive(Duration duration, String name) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " " + duration + " must be a positive duration");
      }
    }
  }
}
