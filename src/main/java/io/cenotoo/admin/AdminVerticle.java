package io.cenotoo.admin;

import io.cenotoo.bus.Address;
import io.cenotoo.bus.Replies;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.kafka.KafkaSettings;
import io.cenotoo.kafka.Topics;
import io.cenotoo.storage.CassandraClients;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.admin.KafkaAdminClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner of the management plane: organizations, users, projects, API keys, collections (with their
 * tables and topics) and tokens. It owns a Cassandra session and the Kafka admin client.
 */
public final class AdminVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AdminVerticle.class);

  private CassandraClient cassandra;
  private KafkaAdminClient kafkaAdmin;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    UUID organizationId = config.organizationId();
    cassandra = CassandraClients.create(vertx, config, "cenotoo-admin");
    kafkaAdmin = KafkaAdminClient.create(vertx, KafkaSettings.common(config));

    MetadataStore store = new MetadataStore(cassandra, config.get(Setting.CASSANDRA_KEYSPACE));
    Passwords passwords = new Passwords(vertx);
    Bootstrap bootstrap = new Bootstrap(cassandra, config);
    CollectionStorage storage = new CollectionStorage(cassandra, kafkaAdmin, config.get(Setting.CASSANDRA_DATA_KEYSPACE),
        config.getInt(Setting.KAFKA_TOPIC_PARTITIONS), (short) config.getInt(Setting.KAFKA_TOPIC_REPLICATION));

    Tokens tokens = new Tokens(vertx, config);
    AccountOperations accounts = new AccountOperations(store, passwords, tokens, organizationId);
    TokenOperations tokenOperations = new TokenOperations(vertx, store, tokens);
    OrganizationOperations organizations = new OrganizationOperations(store, organizationId);
    UserOperations users = new UserOperations(vertx, store, passwords, organizations);
    ProjectOperations projects = new ProjectOperations(store, organizationId);
    KeyOperations keys = new KeyOperations(store, projects, new ApiKeys(config.get(Setting.API_KEY_SECRET)),
        hash -> vertx.eventBus().publish(Address.API_KEY_REMOVED, new JsonObject().put("hash", hash)));
    CollectionOperations collections = new CollectionOperations(store, projects, organizationId, storage,
        id -> vertx.eventBus().publish(Address.COLLECTION_REMOVED, new JsonObject().put("collection_id", id.toString())));
    ProjectDeletion projectDeletion = new ProjectDeletion(store, projects, collections, keys, organizationId);
    KeyStatistics keyStatistics = new KeyStatistics(cassandra, store, projects, collections,
        config.get(Setting.CASSANDRA_DATA_KEYSPACE));

    return bootstrap.createSchema()
        .compose(v -> store.prepare())
        .compose(v -> bootstrap.seed(store, passwords))
        .compose(v -> storage.createDeadLetterTopic().recover(failure -> {
          // The admin operations do not need it. Sinks retry a dead letter until the topic exists,
          // which a broker with auto.create.topics.enable also creates on the first one.
          LOG.warn("Creating the Kafka topic {} failed; the next admin start tries again", Topics.DEAD_LETTER, failure);
          return Future.succeededFuture();
        }))
        .onSuccess(v -> {
          register(Address.ADMIN_LOGIN, accounts::login);
          register(Address.ADMIN_REFRESH_TOKEN, tokenOperations::refresh);
          register(Address.ADMIN_REVOKE_TOKEN, tokenOperations::revoke);
          register(Address.ADMIN_CHECK_TOKEN, tokenOperations::check);
          register(Address.ADMIN_CREATE_ORGANIZATION, organizations::create);
          register(Address.ADMIN_LIST_ORGANIZATIONS, organizations::list);
          register(Address.ADMIN_GET_ORGANIZATION, accounts::organization);
          register(Address.ADMIN_UPDATE_ORGANIZATION, organizations::update);
          register(Address.ADMIN_DELETE_ORGANIZATION, organizations::delete);
          register(Address.ADMIN_CREATE_USER, users::create);
          register(Address.ADMIN_LIST_USERS, users::list);
          registerWithCaller(Address.ADMIN_UPDATE_PASSWORD, users::updatePassword);
          registerWithCaller(Address.ADMIN_DELETE_USER, users::delete);
          register(Address.ADMIN_CREATE_PROJECT, projects::create);
          register(Address.ADMIN_LIST_PROJECTS, projects::list);
          register(Address.ADMIN_GET_PROJECT, projects::get);
          register(Address.ADMIN_UPDATE_PROJECT, projects::update);
          register(Address.ADMIN_DELETE_PROJECT, projectDeletion::delete);
          register(Address.ADMIN_CREATE_KEY, keys::create);
          register(Address.ADMIN_LIST_KEYS, keys::list);
          register(Address.ADMIN_REGENERATE_KEY, keys::regenerate);
          register(Address.ADMIN_DELETE_KEYS, keys::deleteByCategory);
          register(Address.ADMIN_DELETE_KEY, keys::deleteOne);
          register(Address.ADMIN_RESOLVE_KEY, keys::resolve);
          register(Address.ADMIN_CREATE_COLLECTION, collections::create);
          register(Address.ADMIN_LIST_COLLECTIONS, collections::list);
          register(Address.ADMIN_GET_COLLECTION, collections::get);
          register(Address.ADMIN_UPDATE_COLLECTION, collections::update);
          register(Address.ADMIN_DELETE_COLLECTION, collections::delete);
          register(Address.ADMIN_KEY_STATS, keyStatistics::stats);
          register(Address.ADMIN_RESOLVE_COLLECTION, collections::resolve);
          register(Address.ADMIN_PING, request -> cassandra.execute("SELECT release_version FROM system.local")
              .compose(rs -> storage.topics())
              .map(topics -> new JsonObject().put("cassandra", "ok").put("kafka", "ok")));
          LOG.info("Admin owner started");
        });
  }

  private void register(String address, Function<JsonObject, Future<Object>> operation) {
    consumers.add(vertx.eventBus().<JsonObject>consumer(address,
        message -> Replies.bind(message, m -> operation.apply(m.body()))));
  }

  /** Registers an operation that also needs the caller from the message headers. */
  private void registerWithCaller(String address, Function<Message<JsonObject>, Future<Object>> operation) {
    consumers.add(vertx.eventBus().<JsonObject>consumer(address, message -> Replies.bind(message, m -> operation.apply(m))));
  }

  @Override
  public Future<?> stop() {
    LOG.info("Admin owner stopping");
    List<Future<Void>> closing = new ArrayList<>();
    consumers.forEach(consumer -> closing.add(consumer.unregister()));
    closing.add(kafkaAdmin.close());
    closing.add(cassandra.close());
    return Future.join(closing);
  }
}
