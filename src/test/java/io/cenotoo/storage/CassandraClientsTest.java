package io.cenotoo.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.embedded.StackEndpoints;
import io.cenotoo.testing.SharedStack;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A verticle's Cassandra session runs its connections on the verticle's own event loop. */
class CassandraClientsTest {

  private static final String SESSION = "event-loop-test";

  @Test
  void sessionRunsOnVerticleEventLoop() throws Exception {
    StackEndpoints stack = SharedStack.get();
    Config config = Config.load(Map.of(Config.CONFIG_FILE_VARIABLE, "does-not-exist.json",
        Setting.CASSANDRA_CONTACT_POINTS.name(), stack.cassandraHost() + ":" + stack.cassandraPort(),
        Setting.CASSANDRA_DC.name(), stack.cassandraLocalDatacenter()));
    Vertx vertx = Vertx.vertx();
    try {
      QueryingVerticle verticle = new QueryingVerticle(config);
      vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

      assertEquals(verticle.startThread, verticle.replyThread, "the first result was handled off the verticle's event loop");
      assertEquals(verticle.startThread, verticle.secondReplyThread,
          "the second result was handled off the verticle's event loop");
      assertTrue(verticle.driverIoThreads.isEmpty(), "the driver started its own I/O threads: " + verticle.driverIoThreads);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Runs two queries from start, one after the other, and records the threads that saw the results
   * and the driver I/O threads alive before the session closes.
   */
  private static final class QueryingVerticle extends VerticleBase {

    private final Config config;
    private volatile String startThread;
    private volatile String replyThread;
    private volatile String secondReplyThread;
    private volatile List<String> driverIoThreads;

    QueryingVerticle(Config config) {
      this.config = config;
    }

    @Override
    public Future<?> start() {
      startThread = Thread.currentThread().getName();
      CassandraClient cassandra = CassandraClients.create(vertx, config, SESSION);
      return cassandra.execute("SELECT release_version FROM system.local")
          .compose(first -> {
            replyThread = Thread.currentThread().getName();
            return cassandra.execute("SELECT cluster_name FROM system.local");
          })
          .onSuccess(second -> {
            secondReplyThread = Thread.currentThread().getName();
            driverIoThreads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith(SESSION + "-io-")).toList();
          })
          .compose(second -> cassandra.close());
    }
  }
}
