package io.cenotoo.storage;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.vertx.cassandra.CassandraClient;
import io.vertx.cassandra.CassandraClientOptions;
import io.vertx.core.Vertx;
import java.time.Duration;

/** Creates the Cassandra client of an owner verticle from the configuration. */
public final class CassandraClients {

  /** Time allowed for one query; the driver's 2-second default is too short on a loaded small machine. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private CassandraClients() {
  }

  /**
   * Returns a client shared by the verticles of this node under {@code name}, so that several
   * owners in one process use one driver session and its connection pool.
   */
  public static CassandraClient create(Vertx vertx, Config config, String name) {
    CassandraClientOptions options = new CassandraClientOptions();
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
    options.dataStaxClusterBuilder().withConfigLoader(DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
        .build());
    String username = config.get(Setting.CASSANDRA_USERNAME);
    if (!username.isEmpty()) {
      options.dataStaxClusterBuilder().withAuthCredentials(username, config.get(Setting.CASSANDRA_PASSWORD));
    }
    return CassandraClient.createShared(vertx, name, options);
  }
}
