package io.cenotoo.admin;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.embedded.StackEndpoints;
import io.cenotoo.storage.CassandraClients;
import io.cenotoo.testing.SharedStack;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start-up brings a metadata keyspace of an older release up to date with the current columns. */
class BootstrapTest {

  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);

  @Test
  void olderUsersTableGainsNewColumn() throws Exception {
    StackEndpoints stack = SharedStack.get();
    String keyspace = "bootstrap_test_" + System.nanoTime();
    try (CqlSession session = CqlSession.builder()
        .addContactPoint(new InetSocketAddress(stack.cassandraHost(), stack.cassandraPort()))
        .withLocalDatacenter(stack.cassandraLocalDatacenter()).build()) {
      ddl(session, "CREATE KEYSPACE " + keyspace
          + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      ddl(session, "CREATE TABLE " + keyspace + ".users (username text PRIMARY KEY, id uuid,"
          + " organization_id uuid, password_hash text, role text, creation_date timestamp)");

      Config config = Config.load(Map.of(Config.CONFIG_FILE_VARIABLE, "does-not-exist.json",
          Setting.CASSANDRA_CONTACT_POINTS.name(), stack.cassandraHost() + ":" + stack.cassandraPort(),
          Setting.CASSANDRA_DC.name(), stack.cassandraLocalDatacenter(),
          Setting.CASSANDRA_KEYSPACE.name(), keyspace));
      Vertx vertx = Vertx.vertx();
      try {
        CassandraClient cassandra = CassandraClients.create(vertx, config, "bootstrap-test");
        new Bootstrap(cassandra, config).createSchema().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }

      assertNotNull(session.execute("SELECT column_name FROM system_schema.columns WHERE keyspace_name = ?"
          + " AND table_name = 'users' AND column_name = 'tokens_valid_after'", keyspace).one(),
          "tokens_valid_after was not added to the existing users table");
      ddl(session, "DROP KEYSPACE " + keyspace);
    }
  }

  /** Runs a schema change with a timeout for a busy machine; the driver's default of 2 s is too short there. */
  private static void ddl(CqlSession session, String cql) {
    session.execute(SimpleStatement.newInstance(cql).setTimeout(DDL_TIMEOUT));
  }
}
