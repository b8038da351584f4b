package io.cenotoo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClient;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The container path of the test stack: real Cassandra and Kafka in Docker serve a CQL query and
 * a topic listing. Skipped where no Docker engine runs, which is the case on the project's build
 * machines; the embedded child JVMs serve the other tests there.
 */
class ContainerStackTest {

  @Test
  void containersServeCqlAndKafka() throws Exception {
    assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
        "No Docker engine is reachable, so the container stack cannot start; the embedded stack is used instead");

    ContainerStack stack = ContainerStack.start();

    try (CqlSession session = CqlSession.builder()
        .addContactPoint(new InetSocketAddress(stack.cassandraHost(), stack.cassandraPort()))
        .withLocalDatacenter(stack.cassandraLocalDatacenter()).build()) {
      assertTrue(session.execute("SELECT release_version FROM system.local").one().getString(0).startsWith("5."));
    }
    try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", stack.kafkaBootstrap()))) {
      Set<String> topics = admin.listTopics().names().get();
      assertEquals(false, topics == null);
    }
  }
}
