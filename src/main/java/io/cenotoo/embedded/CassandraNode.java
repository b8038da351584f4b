package io.cenotoo.embedded;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the configuration of a single-node Cassandra 5.0, launches it and waits for CQL. */
final class CassandraNode {

  private static final Logger LOG = LoggerFactory.getLogger(CassandraNode.class);

  static final String NAME = "Cassandra";

  /**
   * Module flags from Cassandra 5.0's conf/jvm17-server.options and conf/jvm11-server.options.
   * Cassandra reaches into these JDK internals for off-heap memory, file handles and
   * instrumentation, and fails at start-up on JDK 17 without them.
   */
  private static final List<String> JDK17_MODULE_FLAGS =
      List.of(
          "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
          "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
          "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
          "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
          "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
          "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
          "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
          "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
          "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
          "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens", "java.base/java.io=ALL-UNNAMED",
          "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
          "--add-opens", "java.base/java.lang=ALL-UNNAMED",
          "--add-opens", "java.base/java.util=ALL-UNNAMED");

  private static final String LOGBACK_XML =
      """
      <configuration>
        <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder>
            <pattern>%-5level [%thread] %date{ISO8601} %logger{0}:%line - %msg%n</pattern>
          </encoder>
        </appender>
        <root level="INFO">
          <appender-ref ref="STDOUT"/>
        </root>
      </configuration>
      """;

  private CassandraNode() {}

  /** Ports of one Cassandra node, all on 127.0.0.1. */
  record Ports(int nativePort, int storagePort) {}

  /** Writes cassandra.yaml and logback.xml under {@code <work>/cassandra} and launches the node. */
  static ChildProcess launch(EmbeddedStack.Options options, String classpath, Ports ports) {
    Path home = options.workDir().resolve("cassandra");
    Path yaml = home.resolve("cassandra.yaml");
    Path logback = home.resolve("logback.xml");
    try {
      for (String directory : List.of("data", "commitlog", "saved_caches", "hints", "cdc_raw", "triggers")) {
        Files.createDirectories(home.resolve(directory));
      }
      Files.writeString(yaml, cassandraYaml(home, ports), StandardCharsets.UTF_8);
      Files.writeString(logback, LOGBACK_XML, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EmbeddedStackException("Failed to write the Cassandra configuration under " + home, e);
    }

    List<String> command = new ArrayList<>();
    command.add(ChildProcess.javaExecutable());
    command.add("-Xms" + options.cassandraInitialHeap());
    command.add("-Xmx" + options.cassandraMaxHeap());
    command.add("-Xss256k");
    command.add("-XX:+UseG1GC");
    command.add("-XX:+ParallelRefProcEnabled");
    command.add("-XX:MaxTenuringThreshold=1");
    command.add("-XX:MaxGCPauseMillis=300");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.addAll(JDK17_MODULE_FLAGS);
    command.add("-Djdk.attach.allowAttachSelf=true");
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-Dio.netty.tryReflectionSetAccessible=true");
    command.add("-Dio.netty.allocator.useCacheForAllThreads=true");
    command.add("-Dio.netty.allocator.maxOrder=11");
    command.add(ChildProcess.markerArgument(options.workDir()));
    command.add("-Dcassandra-foreground=yes");
    command.add("-Dcassandra.config=" + yaml.toUri());
    command.add("-Dcassandra.storagedir=" + home);
    command.add("-Dcassandra.logdir=" + options.workDir().resolve("logs"));
    command.add("-Dcassandra.triggers_dir=" + home.resolve("triggers"));
    command.add("-Dlogback.configurationFile=" + logback);
    // A single node has no peers to wait for, so the default 30 s ring delay and gossip settling
    // only slow start-up.
    command.add("-Dcassandra.ring_delay_ms=1000");
    command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    command.add("-Dcassandra.superuser_setup_delay_ms=0");
    // Skips fsync of the system keyspaces, which makes schema changes fast. A crash of the host
    // can then lose recent schema changes, which is acceptable for development and test data.
    command.add("-Dcassandra.unsafesystem=true");
    command.add("-cp");
    command.add(classpath);
    command.add("org.apache.cassandra.service.CassandraDaemon");

    return ChildProcess.launch(
        NAME,
        command,
        home,
        options.workDir().resolve("logs").resolve("cassandra.log"),
        options.workDir().resolve("cassandra.pid"));
  }

  /**
   * Returns a cassandra.yaml for one node on 127.0.0.1. Keys use the Cassandra 5.0 names, and any
   * key not listed keeps the 5.0 default.
   */
  static String cassandraYaml(Path home, Ports ports) {
    return """
        cluster_name: 'Cenotoo Embedded'
        num_tokens: 1
        partitioner: org.apache.cassandra.dht.Murmur3Partitioner
        endpoint_snitch: SimpleSnitch
        seed_provider:
          - class_name: org.apache.cassandra.locator.SimpleSeedProvider
            parameters:
              - seeds: "127.0.0.1:%2$d"
        listen_address: 127.0.0.1
        rpc_address: 127.0.0.1
        storage_port: %2$d
        start_native_transport: true
        native_transport_port: %1$d
        data_file_directories:
          - %3$s
        commitlog_directory: %4$s
        saved_caches_directory: %5$s
        hints_directory: %6$s
        cdc_raw_directory: %7$s
        cdc_enabled: false
        commitlog_sync: periodic
        commitlog_sync_period: 10000ms
        commitlog_segment_size: 32MiB
        disk_failure_policy: stop
        commit_failure_policy: stop
        authenticator: AllowAllAuthenticator
        authorizer: AllowAllAuthorizer
        role_manager: CassandraRoleManager
        network_authorizer: AllowAllNetworkAuthorizer
        # Tests drop and truncate tables often, and snapshots would keep every dropped table on disk.
        auto_snapshot: false
        snapshot_before_compaction: false
        incremental_backups: false
        hinted_handoff_enabled: false
        # Small thread pools, because this node shares a development machine with other servers.
        concurrent_reads: 4
        concurrent_writes: 4
        concurrent_counter_writes: 4
        concurrent_materialized_view_writes: 2
        concurrent_compactors: 1
        memtable_flush_writers: 1
        # Memtables get 256 MiB, the default of a 1 GiB heap, so they flush as often as there. The
        # rest of the 2 GiB heap is room for requests, reads and flushes of records near the size
        # limit, which ran a 1 GiB heap out of memory under the large-record tests.
        memtable_heap_space: 256MiB
        """
        .formatted(
            ports.nativePort(),
            ports.storagePort(),
            yamlQuote(home.resolve("data")),
            yamlQuote(home.resolve("commitlog")),
            yamlQuote(home.resolve("saved_caches")),
            yamlQuote(home.resolve("hints")),
            yamlQuote(home.resolve("cdc_raw")));
  }

  private static String yamlQuote(Path path) {
    return "'" + path.toString().replace("'", "''") + "'";
  }

  /**
   * Waits until the node returns a row for {@code SELECT release_version FROM system.local} over CQL.
   *
   * @param deadlineNanos {@link System#nanoTime()} value after which waiting fails
   */
  static void awaitReady(ChildProcess child, int nativePort, long deadlineNanos) {
    DriverConfigLoader config =
        DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, Duration.ofSeconds(5))
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(10))
            .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
            .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
            // The default 2 s quiet period would delay every start by 2 s when the session closes.
            .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
            .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
            .build();
    RuntimeException lastError = null;
    while (true) {
      Readiness.requireAlive(child);
      // The native port opens as the last step of start-up, so polling it first keeps the driver
      // from logging a connection error on every attempt.
      if (LoopbackPorts.accepts(nativePort, 1000)) {
        try (CqlSession session =
            CqlSession.builder()
                .addContactPoint(new InetSocketAddress(LoopbackPorts.LOOPBACK, nativePort))
                .withLocalDatacenter(StackEndpoints.DEFAULT_LOCAL_DATACENTER)
                .withConfigLoader(config)
                .build()) {
          Row row = session.execute("SELECT release_version FROM system.local").one();
          String version = row == null ? "unknown" : row.getString("release_version");
          LOG.info("Cassandra {} accepts CQL on {}:{}", version, LoopbackPorts.LOOPBACK, nativePort);
          return;
        } catch (RuntimeException e) {
          lastError = e;
          LOG.debug("Cassandra CQL check on port {} failed, retrying", nativePort, e);
        }
      }
      Readiness.sleepUntilNextAttempt(child, deadlineNanos, lastError);
    }
  }
}
