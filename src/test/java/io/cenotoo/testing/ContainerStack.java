package io.cenotoo.testing;

import io.cenotoo.embedded.StackEndpoints;
import org.testcontainers.cassandra.CassandraContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Cassandra 5 and Kafka 4 (KRaft) as Testcontainers, the alternative to the embedded child JVMs on
 * machines with a Docker engine. Selected with {@code -Dcenotoo.stack=containers}; the containers
 * stop when the test JVM exits (Testcontainers' Ryuk removes them).
 */
public record ContainerStack(String cassandraHost, int cassandraPort, String kafkaBootstrap) implements StackEndpoints {

  /** Whether the tests run on containers, from the system property {@code cenotoo.stack}. */
  public static final boolean SELECTED = "containers".equals(System.getProperty("cenotoo.stack"));

  static final DockerImageName CASSANDRA_IMAGE = DockerImageName.parse("cassandra:5.0");
  static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.0");

  public static ContainerStack start() {
    CassandraContainer cassandra = new CassandraContainer(CASSANDRA_IMAGE);
    KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
    cassandra.start();
    kafka.start();
    return new ContainerStack(cassandra.getHost(), cassandra.getMappedPort(9042), kafka.getBootstrapServers());
  }
}
