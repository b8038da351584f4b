package io.cenotoo.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.testing.SharedStack;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Runs real CQL and Kafka round trips against the launched servers, and checks that close stops them. */
class EmbeddedStackTest {

  @Test
  void cassandraRoundTrip() {
    StackEndpoints stack = SharedStack.get();
    String keyspace = "embedded_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    try (CqlSession session =
        CqlSession.builder()
            .addContactPoint(new InetSocketAddress(stack.cassandraHost(), stack.cassandraPort()))
            .withLocalDatacenter(stack.cassandraLocalDatacenter())
            .withConfigLoader(
                // Schema changes on a busy 2-core machine can exceed the driver's 2 s default.
                DriverConfigLoader.programmaticBuilder()
                    .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                    .build())
            .build()) {
      session.execute(
          "CREATE KEYSPACE " + keyspace
              + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE " + keyspace + ".readings (id text PRIMARY KEY, value double)");
      session.execute("INSERT INTO " + keyspace + ".readings (id, value) VALUES ('sensor-1', 21.5)");

      Row row = session.execute("SELECT value FROM " + keyspace + ".readings WHERE id = 'sensor-1'").one();

      assertNotNull(row, "inserted row was not found");
      assertEquals(21.5, row.getDouble("value"));
      session.execute("DROP KEYSPACE " + keyspace);
    }
  }

  @Test
  void kafkaRoundTrip() throws Exception {
    StackEndpoints stack = SharedStack.get();
    String topic = "embedded-test-" + UUID.randomUUID();

    Properties adminConfig = new Properties();
    adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    try (Admin admin = Admin.create(adminConfig)) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    Properties producerConfig = new Properties();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
      producer.send(new ProducerRecord<>(topic, "sensor-1", "{\"value\":21.5}")).get(30, TimeUnit.SECONDS);
    }

    Properties consumerConfig = new Properties();
    consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    ConsumerRecord<String, String> received = null;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (received == null && System.nanoTime() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          received = records.iterator().next();
        }
      }
    }

    assertNotNull(received, "no record was consumed from " + topic + " within 30 s");
    assertEquals("sensor-1", received.key());
    assertEquals("{\"value\":21.5}", received.value());
  }

  @Test
  void closeStopsBothChildren() {
    // The PID suffix keeps concurrent test JVMs in one project from sharing the directory.
    Path workDir =
        EmbeddedStack.Options.defaultProjectDir()
            .resolve("target")
            .resolve("embedded-close-test-" + ProcessHandle.current().pid());
    EmbeddedStack.Options options =
        EmbeddedStack.Options.forTests(workDir).withCassandraHeap("256m", "512m");

    EmbeddedStack stack = EmbeddedStack.start(options);
    long cassandraPid = stack.cassandraPid();
    long kafkaPid = stack.kafkaPid();
    assertTrue(LoopbackPorts.accepts(stack.cassandraPort(), 1000), "Cassandra port is closed after start");
    assertTrue(LoopbackPorts.accepts(stack.kafkaPort(), 1000), "Kafka port is closed after start");

    stack.close();

    assertTrue(stack.isClosed());
    assertFalse(isAlive(cassandraPid), "Cassandra PID " + cassandraPid + " is alive after close");
    assertFalse(isAlive(kafkaPid), "Kafka PID " + kafkaPid + " is alive after close");
    assertFalse(workDir.resolve("cassandra.pid").toFile().exists(), "cassandra.pid remains after close");
    assertFalse(workDir.resolve("kafka.pid").toFile().exists(), "kafka.pid remains after close");
  }

  @Test
  void externalStackParsesHostAndPort() {
    Map<String, String> environment =
        Map.of("CASSANDRA_CONTACT_POINTS", "cassandra:9142,other:9042", "KAFKA_BROKERS", "kafka:9092");

    ExternalStack stack = ExternalStack.fromEnvironment(environment).orElseThrow();

    assertEquals("cassandra", stack.cassandraHost());
    assertEquals(9142, stack.cassandraPort());
    assertEquals("datacenter1", stack.cassandraLocalDatacenter());
    assertEquals("kafka:9092", stack.kafkaBootstrap());
  }

  @Test
  void externalStackUsesCassandraPortVariable() {
    Map<String, String> environment =
        Map.of(
            "CASSANDRA_CONTACT_POINTS", "[::1]",
            "CASSANDRA_PORT", "19042",
            "CASSANDRA_DC", "dc2",
            "KAFKA_BROKERS", "localhost:9092");

    ExternalStack stack = ExternalStack.fromEnvironment(environment).orElseThrow();

    assertEquals("::1", stack.cassandraHost());
    assertEquals(19042, stack.cassandraPort());
    assertEquals("dc2", stack.cassandraLocalDatacenter());
  }

  @Test
  void externalStackNeedsBothVariables() {
    Optional<ExternalStack> onlyCassandra =
        ExternalStack.fromEnvironment(Map.of("CASSANDRA_CONTACT_POINTS", "localhost"));

    assertTrue(onlyCassandra.isEmpty());
  }

  @Test
  void externalStackRejectsInvalidPort() {
    Map<String, String> environment =
        Map.of("CASSANDRA_CONTACT_POINTS", "localhost:ninety", "KAFKA_BROKERS", "localhost:9092");

    assertThrows(IllegalArgumentException.class, () -> ExternalStack.fromEnvironment(environment));
  }

  @Test
  void optionsRejectInvalidHeap() {
    EmbeddedStack.Options defaults = EmbeddedStack.Options.defaults();

    assertThrows(IllegalArgumentException.class, () -> defaults.withKafkaHeap("256m", "lots"));
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
