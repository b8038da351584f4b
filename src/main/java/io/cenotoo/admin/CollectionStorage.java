package io.cenotoo.admin;

import io.cenotoo.kafka.Topics;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.storage.Cql;
import io.cenotoo.storage.DataTables;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The physical parts of a collection: its Cassandra table and its Kafka topic. Also creates the
 * dead-letter topic that every collection's unstorable records go to.
 */
final class CollectionStorage {

  private final CassandraClient cassandra;
  private final KafkaAdminClient kafkaAdmin;
  private final String dataKeyspace;
  private final int partitions;
  private final short replication;

  CollectionStorage(CassandraClient cassandra, KafkaAdminClient kafkaAdmin, String dataKeyspace, int partitions,
      short replication) {
    this.cassandra = cassandra;
    this.kafkaAdmin = kafkaAdmin;
    this.dataKeyspace = dataKeyspace;
    this.partitions = partitions;
    this.replication = replication;
  }

  /** Creates the table, then the topic; an existing topic of the same id is reused. */
  Future<Void> create(UUID collectionId, CollectionSchema schema) {
    return cassandra.execute(Cql.ddl(DataTables.createTable(dataKeyspace, collectionId, schema)))
        .compose(v -> kafkaAdmin.createTopics(List.of(new NewTopic(Topics.forCollection(collectionId), partitions, replication))))
        .recover(failure -> isCause(failure, TopicExistsException.class) ? Future.succeededFuture() : Future.failedFuture(failure))
        .mapEmpty();
  }

  /** Creates {@link Topics#DEAD_LETTER} with the partitions and replication of collection topics, unless it exists. */
  Future<Void> createDeadLetterTopic() {
    return kafkaAdmin.createTopics(List.of(new NewTopic(Topics.DEAD_LETTER, partitions, replication)))
        .recover(failure -> isCause(failure, TopicExistsException.class) ? Future.succeededFuture() : Future.failedFuture(failure))
        .mapEmpty();
  }

  /** Drops the topic and the table; either may already be gone. */
  Future<Void> drop(UUID collectionId) {
    String topic = Topics.forCollection(collectionId);
    return kafkaAdmin.listTopics()
        .compose(topics -> topics.contains(topic) ? kafkaAdmin.deleteTopics(List.of(topic)) : Future.succeededFuture())
        .recover(failure -> isCause(failure, UnknownTopicOrPartitionException.class)
            ? Future.succeededFuture() : Future.failedFuture(failure))
        .compose(v -> cassandra.execute(Cql.ddl(DataTables.dropTable(dataKeyspace, collectionId))))
        .mapEmpty();
  }

  Future<Set<String>> topics() {
    return kafkaAdmin.listTopics();
  }

  private static boolean isCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
