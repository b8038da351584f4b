package io.cenotoo;

import io.cenotoo.cluster.Cluster;
import io.cenotoo.config.Config;
import io.cenotoo.config.ConfigException;
import io.cenotoo.config.Setting;
import io.cenotoo.embedded.EmbeddedStack;
import io.cenotoo.embedded.ExternalStack;
import io.cenotoo.metrics.Metrics;
import io.cenotoo.tracing.Tracing;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a Cenotoo node. With {@code --embedded} (or {@code EMBEDDED=true}) it first starts real
 * Cassandra and Kafka as child processes, unless {@code CASSANDRA_CONTACT_POINTS} and
 * {@code KAFKA_BROKERS} are both set, in which case it uses those servers. With {@code --cluster}
 * (or {@code CLUSTER_ENABLED=true}) it joins other nodes over a clustered event bus. SIGTERM and
 * Ctrl-C stop the node gracefully and exit with status 0.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 60;
  private static final CompletableFuture<Deployment.Node> NODE = new CompletableFuture<>();

  private Main() {
  }

  public static void main(String[] args) {
    Config config;
    try {
      config = Config.load(System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    LogFormat.apply(System.getenv());

    EmbeddedStack stack = null;
    boolean embedded = config.getBoolean(Setting.EMBEDDED) || Arrays.asList(args).contains("--embedded");
    if (embedded && ExternalStack.fromEnvironment(System.getenv()).isEmpty()) {
      stack = EmbeddedStack.start(EmbeddedStack.Options.defaults().withWorkDir(Path.of(config.get(Setting.EMBEDDED_DIR))));
      config = config.with(Map.of(
          Setting.CASSANDRA_CONTACT_POINTS, stack.cassandraHost() + ":" + stack.cassandraPort(),
          Setting.KAFKA_BROKERS, stack.kafkaBootstrap()));
    }

    boolean clustered = config.getBoolean(Setting.CLUSTER_ENABLED) || Arrays.asList(args).contains("--cluster");
    VertxOptions options = Metrics.vertxOptions();
    if (clustered) {
      Cluster.configureEventBus(options, config);
    }
    VertxBuilder builder = Vertx.builder().with(options);
    Optional<OpenTelemetrySdk> tracing = Tracing.configure(builder, config);
    Vertx vertx;
    try {
      vertx = clustered ? Cluster.start(builder, config).toCompletionStage().toCompletableFuture().get() : builder.build();
    } catch (Exception e) {
      LOG.error("Joining the cluster failed; check CLUSTER_HOST, CLUSTER_PORT and CLUSTER_MEMBERS", e);
      System.exit(1);
      return;
    }
    tracing.ifPresent(sdk -> Tracing.register(vertx, sdk));
    EmbeddedStack started = stack;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      shutdown(vertx, started);
      tracing.ifPresent(OpenTelemetrySdk::close);
    }, "cenotoo-shutdown"));
    if (started != null) {
      // This hook stops the servers after the node, so the stack's own hook must not stop them first.
      started.detachShutdownHook();
    }
    Signals.onTerminate(() -> System.exit(0));

    Deployment.deploy(vertx, config)
        .onSuccess(NODE::complete)
        .onFailure(failure -> {
          LOG.error("Start-up failed; stopping", failure);
          System.exit(1);
        });
  }

  /** Stops the node gracefully, then Vert.x, then the embedded servers; runs in the JVM's shutdown hook. */
  private static void shutdown(Vertx vertx, EmbeddedStack stack) {
    LOG.info("Shutting down");
    try {
      Deployment.Node node = NODE.getNow(null);
      if (node != null) {
        node.stop().toCompletionStage().toCompletableFuture().get(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("The node did not stop cleanly", e);
    }
    if (stack != null) {
      stack.close();
    }
    LOG.info("Stopped");
    LogFormat.flush();
  }
}
