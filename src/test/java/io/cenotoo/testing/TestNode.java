package io.cenotoo.testing;

import io.cenotoo.Deployment;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.embedded.StackEndpoints;
import io.cenotoo.metrics.Metrics;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Cenotoo node for the whole test run, on the shared Cassandra and Kafka, listening on a free
 * loopback port. Tests create their own projects and collections, so they never depend on order.
 */
public final class TestNode {

  public static final String ADMIN_USERNAME = "admin";
  public static final String ADMIN_PASSWORD = "Test-admin-password-1";
  public static final String API_KEY_SECRET = "test-api-key-secret";
  public static final String JWT_SECRET = "test-jwt-secret-of-sufficient-length";
  /** API-key cache bound used by the tests, in seconds; the deployed default is 5. */
  public static final int API_KEY_CACHE_SECONDS = 2;

  private static TestNode instance;

  private final Vertx vertx;
  private final int port;
  private final Config config;

  private TestNode(Vertx vertx, int port, Config config) {
    this.vertx = vertx;
    this.port = port;
    this.config = config;
  }

  public static synchronized TestNode get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  public int port() {
    return port;
  }

  public Config config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  private static TestNode start() {
    int port = freePort();
    Config config = config(port, Map.of());

    Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
    try {
      Deployment.deploy(vertx, config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("The test node failed to start", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // The JVM is exiting; the shared stack's own hook stops the servers.
      }
    }, "test-node-shutdown"));
    return new TestNode(vertx, port, config);
  }

  /** Returns the test node's configuration on {@code port}, with {@code overrides} applied, for a node of a test's own. */
  public static Config config(int port, Map<String, String> overrides) {
    StackEndpoints stack = SharedStack.get();
    Map<String, String> environment = new HashMap<>();
    environment.put(Setting.HTTP_PORT.name(), String.valueOf(port));
    environment.put(Setting.HTTP_HOST.name(), "127.0.0.1");
    environment.put(Setting.HTTP_INSTANCES.name(), "2");
    environment.put(Setting.CASSANDRA_CONTACT_POINTS.name(), stack.cassandraHost() + ":" + stack.cassandraPort());
    environment.put(Setting.CASSANDRA_DC.name(), stack.cassandraLocalDatacenter());
    environment.put(Setting.KAFKA_BROKERS.name(), stack.kafkaBootstrap());
    environment.put(Setting.ADMIN_USERNAME.name(), ADMIN_USERNAME);
    environment.put(Setting.ADMIN_PASSWORD.name(), ADMIN_PASSWORD);
    environment.put(Setting.API_KEY_SECRET.name(), API_KEY_SECRET);
    environment.put(Setting.JWT_SECRET_KEY.name(), JWT_SECRET);
    environment.put(Setting.API_KEY_CACHE_SECONDS.name(), String.valueOf(API_KEY_CACHE_SECONDS));
    // Above Kafka's 1 MiB record limit, as the 10 MiB default is, so that tests can send a record that Kafka would refuse.
    environment.put(Setting.MAX_BODY_BYTES.name(), String.valueOf(2 * 1024 * 1024));
    // Tests send many requests from one address; RateLimitTest checks the limits on its own router.
    environment.put(Setting.RATE_LIMIT_DEFAULT.name(), "1000000/minute");
    environment.put(Setting.RATE_LIMIT_AUTH.name(), "1000000/minute");
    environment.put(Config.CONFIG_FILE_VARIABLE, "does-not-exist.json");
    environment.putAll(overrides);
    return Config.load(environment);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free loopback port", e);
    }
  }
}
