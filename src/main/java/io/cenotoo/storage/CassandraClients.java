package io.cenotoo.storage;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.vertx.cassandra.CassandraClient;
import io.vertx.cassandra.CassandraClientOptions;
import io.cenotoo.metrics.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.List;

/** Creates the Cassandra client of an owner verticle from the configuration. */
public final class CassandraClients {

  /** Time allowed for one query; the driver's 2-second default is too short on a loaded small machine. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private CassandraClients() {
  }

  /**
   * Returns a client shared by the verticles of this node under {@code name}, so that several
   * owners in one process use one driver session and its connection pool. The session's
   * connections run on the event loop of the calling verticle (see {@link EventLoopSessionBuilder}),
   * unless Vert.x uses a native transport, whose event loops cannot take the driver's NIO channels.
   *
   * <p>NOTE: no node enables a native transport, so the branch with the driver's own I/O threads
   * is never run by the tests.
   */
  public static CassandraClient create(Vertx vertx, Config config, String name) {
    return create(vertx, config, name, name);
  }

  /**
   * Returns a client of its own for the calling event loop, for an owner that runs one instance per
   * loop, so each instance's queries run on its own loop. The sessions of all loops report their
   * metrics under the one {@code name}.
   */
  public static CassandraClient createForLoop(Vertx vertx, Config config, String name) {
    return create(vertx, config, name, name + "@" + Thread.currentThread().getName());
  }

  private static CassandraClient create(Vertx vertx, Config config, String name, String sharedName) {
    CassandraClientOptions options = vertx.isNativeTransportEnabled() ? new CassandraClientOptions()
        : new CassandraClientOptions(new EventLoopSessionBuilder(((ContextInternal) vertx.getOrCreateContext()).nettyEventLoop()));
    int defaultPort = config.getInt(Setting.CASSANDRA_PORT);
    for (String point : config.getList(Setting.CASSANDRA_CONTACT_POINTS)) {
      int colon = point.lastIndexOf(':');
      if (colon > 0) {
        options.addContactPoint(point.substring(0, colon), Integer.parseInt(point.substring(colon + 1)));
      } else {
        options.addContactPoint(point, defaultPort);
      }
    }
    options.dataStaxClusterBuilder().withLocalDatacenter(config.get(Setting.CASSANDRA_DC));
    // Request latencies and client-side timeouts go to the node's Prometheus registry as
    // cenotoo_cassandra_<session>_cql_requests_seconds and cql_client_timeouts_total.
    options.dataStaxClusterBuilder().withConfigLoader(DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
        .withString(DefaultDriverOption.METRICS_FACTORY_CLASS, "MicrometerMetricsFactory")
        .withString(DefaultDriverOption.SESSION_NAME, name)
        .withStringList(DefaultDriverOption.METRICS_SESSION_ENABLED, List.of("cql-requests", "cql-client-timeouts"))
        .build());
    options.dataStaxClusterBuilder().withMetricRegistry(Metrics.registry());
    String username = config.get(Setting.CASSANDRA_USERNAME);
    if (!username.isEmpty()) {
      options.dataStaxClusterBuilder().withAuthCredentials(username, config.get(Setting.CASSANDRA_PASSWORD));
    }
    return CassandraClient.createShared(vertx, sharedName, options);
  }
}
