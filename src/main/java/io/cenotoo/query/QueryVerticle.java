package io.cenotoo.query;

import io.cenotoo.bus.Address;
import io.cenotoo.bus.CollectionResolver;
import io.cenotoo.bus.JsonBytes;
import io.cenotoo.bus.LoopLocal;
import io.cenotoo.bus.Replies;
import io.cenotoo.bus.Requests;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.storage.CassandraClients;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner of data reads and deletes: get_data and delete_data. On a node with HTTP verticles it runs
 * one instance per event loop, each with a Cassandra session on its own loop and reachable from
 * that loop through {@link LoopLocal}, so a read runs on the thread that received it from start
 * to end.
 */
public final class QueryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(QueryVerticle.class);

  private CassandraClient cassandra;
  private CollectionResolver collections;
  private PartitionReader reader;
  private DeleteOperation deletes;
  private int defaultLimit;
  private int maxLimit;
  private final List<LoopLocal.Consumer<JsonObject>> operations = new ArrayList<>();
  private MessageConsumer<JsonObject> ping;

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    defaultLimit = config.getInt(Setting.GET_DATA_DEFAULT_LIMIT);
    maxLimit = config.getInt(Setting.GET_DATA_MAX_LIMIT);
    cassandra = CassandraClients.createForLoop(vertx, config, "cenotoo-query");
    collections = new CollectionResolver(vertx);

    String dataKeyspace = config.get(Setting.CASSANDRA_DATA_KEYSPACE);
    String metadataKeyspace = config.get(Setting.CASSANDRA_KEYSPACE);
    Future<PartitionReader> readerCreated = PartitionReader.create(cassandra, dataKeyspace, metadataKeyspace);
    Future<DeleteOperation> deletesCreated = DeleteOperation.create(cassandra, dataKeyspace, metadataKeyspace,
        id -> vertx.eventBus().publish(Address.DATA_DELETED, new JsonObject().put("collection_id", id.toString())));
    return Future.all(readerCreated, deletesCreated)
        .onSuccess(created -> {
          reader = readerCreated.result();
          deletes = deletesCreated.result();
          operations.add(LoopLocal.consumer(vertx, Address.QUERY_GET_DATA,
              message -> Replies.bind(message, m -> getData(m.body()))));
          operations.add(LoopLocal.consumer(vertx, Address.QUERY_DELETE_DATA,
              message -> Replies.bind(message, m -> deleteData(m.body()))));
          ping = vertx.eventBus().consumer(Address.QUERY_PING, message -> Replies.bind(message,
              m -> cassandra.execute("SELECT release_version FROM system.local").map(rs -> new JsonObject().put("cassandra", "ok"))));
          LOG.info("Query owner started on {}", Thread.currentThread().getName());
        });
  }

  /**
   * Replies with the page as encoded JSON, which the HTTP side writes as it is. A JsonObject reply
   * would be deep-copied on the local event bus and encoded afterwards anyway, and a Buffer reply
   * would be copied.
   */
  private Future<JsonBytes> getData(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    UUID collectionId = Requests.pathUuid(request, "collection_id");

    return collections.resolve(projectId, collectionId)
        .compose(collection -> reader.read(collection, DataQuery.parse(request, collection.schema(), defaultLimit, maxLimit)))
        .map(page -> new JsonBytes(PageEncoder.encode(page)));
  }

  private Future<JsonObject> deleteData(JsonObject request) {
    UUID projectId = Requests.pathUuid(request, "project_id");
    UUID collectionId = Requests.pathUuid(request, "collection_id");
    return collections.resolve(projectId, collectionId)
        .compose(collection -> deletes.delete(collection, DeleteCriteria.parse(request)));
  }

  @Override
  public Future<?> stop() {
    LOG.info("Query owner stopping");
    List<Future<Void>> closing = new ArrayList<>();
    operations.forEach(operation -> closing.add(operation.unregister()));
    if (ping != null) {
      closing.add(ping.unregister());
    }
    return Future.join(closing).transform(done -> cassandra.close());
  }
}
