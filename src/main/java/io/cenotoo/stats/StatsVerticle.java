package io.cenotoo.stats;

import io.cenotoo.bus.Address;
import io.cenotoo.bus.CollectionResolver;
import io.cenotoo.bus.Replies;
import io.cenotoo.bus.Requests;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.storage.CassandraClients;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Owner of the statistics operation. It owns a Cassandra session of its own. */
public final class StatsVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StatsVerticle.class);

  private CassandraClient cassandra;
  private CollectionResolver collections;
  private StatsReader reader;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    cassandra = CassandraClients.create(vertx, config, "cenotoo-stats");
    collections = new CollectionResolver(vertx);

    return StatsReader.create(cassandra, config.get(Setting.CASSANDRA_DATA_KEYSPACE), config.get(Setting.CASSANDRA_KEYSPACE))
        .onSuccess(created -> {
          reader = created;
          consumers.add(vertx.eventBus().consumer(Address.STATS_STATISTICS,
              message -> Replies.bind(message, m -> statistics(m.body()))));
          consumers.add(vertx.eventBus().consumer(Address.STATS_PING, message -> Replies.bind(message,
              m -> cassandra.execute("SELECT release_version FROM system.local").map(rs -> new JsonObject().put("cassandra", "ok")))));
          LOG.info("Statistics owner started");
        });
  }

  private Future<JsonArray> statistics(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    UUID collectionId = Requests.pathUuid(request, "collection_id");
    return collections.resolve(projectId, collectionId)
        .compose(collection -> reader.read(collection, StatsQuery.parse(request, collection.schema())));
  }

  @Override
  public Future<?> stop() {
    LOG.info("Statistics owner stopping");
    List<Future<Void>> closing = new ArrayList<>();
    consumers.forEach(consumer -> closing.add(consumer.unregister()));
    return Future.join(closing).transform(done -> cassandra.close());
  }
}
