package io.cenotoo.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the configuration of a single Kafka 4 node in KRaft mode that is both broker and
 * controller, formats its storage, launches it and waits until it serves metadata.
 */
final class KafkaNode {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaNode.class);

  static final String NAME = "Kafka";

  /** Upper bound for {@code kafka.tools.StorageTool format}, which takes about 2 s. */
  private static final long FORMAT_TIMEOUT_SECONDS = 60;

  private static final String LOG4J2_PROPERTIES =
      """
      status = warn
      appender.stdout.type = Console
      appender.stdout.name = STDOUT
      appender.stdout.layout.type = PatternLayout
      appender.stdout.layout.pattern = [%d] %p %m (%c)%n
      rootLogger.level = INFO
      rootLogger.appenderRef.stdout.ref = STDOUT
      """;

  private KafkaNode() {}

  /** Ports of one Kafka node, both on 127.0.0.1. */
  record Ports(int brokerPort, int controllerPort) {}

  /** Writes the configuration under {@code <work>/kafka}, formats the storage and launches the node. */
  static ChildProcess launch(EmbeddedStack.Options options, String classpath, Ports ports) {
    Path home = options.workDir().resolve("kafka");
    Path data = home.resolve("data");
    Path serverProperties = home.resolve("server.properties");
    Path log4j = home.resolve("log4j2.properties");
    Path logFile = options.workDir().resolve("logs").resolve("kafka.log");
    String clusterId;
    try {
      Files.createDirectories(data);
      Files.writeString(serverProperties, serverProperties(data, ports), StandardCharsets.UTF_8);
      Files.writeString(log4j, LOG4J2_PROPERTIES, StandardCharsets.UTF_8);
      clusterId = clusterId(home.resolve("cluster.id"));
    } catch (IOException e) {
      throw new EmbeddedStackException("Failed to write the Kafka configuration under " + home, e);
    }

    List<String> jvm = new ArrayList<>();
    jvm.add(ChildProcess.javaExecutable());
    jvm.add(ChildProcess.markerArgument(options.workDir()));
    jvm.add("-Djava.awt.headless=true");
    jvm.add("-Dlog4j2.configurationFile=" + log4j);
    jvm.add("-Dkafka.logs.dir=" + options.workDir().resolve("logs"));
    jvm.add("-cp");
    jvm.add(classpath);

    format(jvm, home, serverProperties, clusterId, options.workDir().resolve("logs"));

    List<String> command = new ArrayList<>();
    command.add(jvm.get(0));
    command.add("-Xms" + options.kafkaInitialHeap());
    command.add("-Xmx" + options.kafkaMaxHeap());
    // The garbage collector settings that Kafka's bin/kafka-run-class.sh uses.
    command.add("-XX:+UseG1GC");
    command.add("-XX:MaxGCPauseMillis=20");
    command.add("-XX:InitiatingHeapOccupancyPercent=35");
    command.add("-XX:+ExplicitGCInvokesConcurrent");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.addAll(jvm.subList(1, jvm.size()));
    command.add("kafka.Kafka");
    command.add(serverProperties.toString());

    return ChildProcess.launch(NAME, command, home, logFile, options.workDir().resolve("kafka.pid"));
  }

  /**
   * Returns server.properties for one combined broker and controller. Internal topics get one
   * replica and one partition, because there is one broker and no need to spread load.
   */
  static String serverProperties(Path data, Ports ports) {
    return """
        process.roles=broker,controller
        node.id=1
        controller.quorum.voters=1@127.0.0.1:%2$d
        listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
        advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
        controller.listener.names=CONTROLLER
        inter.broker.listener.name=PLAINTEXT
        listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
        log.dirs=%3$s
        num.partitions=1
        auto.create.topics.enable=false
        offsets.topic.replication.factor=1
        offsets.topic.num.partitions=1
        transaction.state.log.replication.factor=1
        transaction.state.log.min.isr=1
        transaction.state.log.num.partitions=1
        share.coordinator.state.topic.replication.factor=1
        share.coordinator.state.topic.min.isr=1
        group.initial.rebalance.delay.ms=0
        num.network.threads=2
        num.io.threads=2
        num.recovery.threads.per.data.dir=1
        """
        .formatted(ports.brokerPort(), ports.controllerPort(), escapeProperty(data.toString()));
  }

  private static String escapeProperty(String value) {
    return value.replace("\\", "\\\\");
  }

  /** Returns the cluster id stored in {@code file}, creating one in Kafka's Uuid text form on first use. */
  private static String clusterId(Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (!stored.isEmpty()) {
        return stored;
      }
    }
    SecureRandom random = new SecureRandom();
    String id;
    do {
      byte[] bytes = new byte[16];
      random.nextBytes(bytes);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      // Kafka's command-line tools would read an id starting with '-' as an option.
    } while (id.startsWith("-"));
    Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
    return id;
  }

  /** Runs {@code kafka.tools.StorageTool format}, which does nothing if the storage is already formatted. */
  private static void format(
      List<String> jvm, Path home, Path serverProperties, String clusterId, Path logs) {
    List<String> command = new ArrayList<>(jvm);
    command.add("-Xmx256m");
    command.add("kafka.tools.StorageTool");
    command.add("format");
    command.add("--cluster-id");
    command.add(clusterId);
    command.add("--config");
    command.add(serverProperties.toString());
    command.add("--ignore-formatted");
    Path formatLog = logs.resolve("kafka-format.log");

    long started = System.nanoTime();
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(formatLog.toFile())
              .start();
      if (!process.waitFor(FORMAT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new EmbeddedStackException(
            "Timed out after "
                + FORMAT_TIMEOUT_SECONDS
                + " s formatting Kafka storage\n"
                + LogTail.read(formatLog));
      }
      if (process.exitValue() != 0) {
        throw new EmbeddedStackException(
            "Failed to format Kafka storage (exit code "
                + process.exitValue()
                + ")\n"
                + LogTail.read(formatLog));
      }
    } catch (IOException e) {
      throw new EmbeddedStackException("Failed to run the Kafka storage format tool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedStackException("Interrupted while formatting Kafka storage", e);
    }
    LOG.info(
        "Formatted Kafka storage for cluster {} in {} ms",
        clusterId,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /**
   * Waits until the broker port accepts connections and the broker returns itself from a
   * describe-cluster request, which it does only after it has joined the KRaft quorum.
   *
   * @param deadlineNanos {@link System#nanoTime()} value after which waiting fails
   */
  static void awaitReady(ChildProcess child, int brokerPort, long deadlineNanos) {
    String bootstrap = LoopbackPorts.LOOPBACK + ":" + brokerPort;
    Exception lastError = null;
    while (true) {
      Readiness.requireAlive(child);
      if (LoopbackPorts.accepts(brokerPort, 1000)) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "cenotoo-embedded-readiness");
        try (Admin admin = Admin.create(config)) {
          Collection<Node> nodes =
              admin
                  .describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                  .nodes()
                  .get(6, TimeUnit.SECONDS);
          if (!nodes.isEmpty()) {
            LOG.info("Kafka broker on {} returned {} node(s)", bootstrap, nodes.size());
            return;
          }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
          lastError = e;
          LOG.debug("Kafka readiness check on {} failed, retrying", bootstrap, e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new EmbeddedStackException("Interrupted while waiting for Kafka to start", e);
        }
      }
      Readiness.sleepUntilNextAttempt(child, deadlineNanos, lastError);
    }
  }
}
