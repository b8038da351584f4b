package io.cenotoo.embedded;

/**
 * Network endpoints of the Cassandra and Kafka servers that the service and its tests connect to,
 * whether {@link EmbeddedStack} launched them or they run elsewhere.
 */
public interface StackEndpoints {

  /** Datacenter name that Cassandra's SimpleSnitch reports, needed by the DataStax driver. */
  String DEFAULT_LOCAL_DATACENTER = "datacenter1";

  /** Host name or IP address of a Cassandra contact point. */
  String cassandraHost();

  /** Cassandra native protocol (CQL) port. */
  int cassandraPort();

  /** Local datacenter name to configure in the Cassandra driver. */
  default String cassandraLocalDatacenter() {
    return DEFAULT_LOCAL_DATACENTER;
  }

  /** Kafka {@code bootstrap.servers} value, {@code host:port[,host:port...]}. */
  String kafkaBootstrap();
}
