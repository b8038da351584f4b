package io.cenotoo.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The sink consumer's settings against the shared Kafka broker. Every new collection topic matches
 * the sinks' subscription, so it must join their assignment without taking away the partitions they
 * already read, which would drop their polls in flight.
 */
class ConsumerRebalanceTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void newTopicKeepsAssignedPartitions() throws Exception {
    String prefix = "rebalance-test-" + UUID.randomUUID() + ".";
    Config config = TestNode.config(0, Map.of(Setting.KAFKA_CONSUMER_GROUP.name(), prefix + "group"));
    TopicPartition first = new TopicPartition(prefix + "first", 0);
    TopicPartition second = new TopicPartition(prefix + "second", 0);
    List<TopicPartition> revoked = new ArrayList<>();

    try (Admin admin = Admin.create(Map.<String, Object>copyOf(KafkaSettings.common(config)));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.<String, Object>copyOf(KafkaSettings.consumer(config)))) {
      createTopic(admin, first.topic());
      consumer.subscribe(Pattern.compile(Pattern.quote(prefix) + ".*"), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          revoked.addAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }
      });
      pollUntil(consumer, () -> consumer.assignment().contains(first), "the first topic assigned");

      createTopic(admin, second.topic());
      pollUntil(consumer, () -> consumer.assignment().contains(second), "the second topic assigned");

      assertEquals(List.of(), revoked, "partitions revoked while the second topic was added");
      assertTrue(consumer.assignment().contains(first), "assignment " + consumer.assignment());
      admin.deleteTopics(List.of(first.topic(), second.topic())).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static void createTopic(Admin admin, String topic) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
  }

  /** Polls until the condition is true, because the consumer joins and rebalances inside poll(). */
  private static void pollUntil(KafkaConsumer<byte[], byte[]> consumer, BooleanSupplier condition, String description) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + TIMEOUT.toSeconds() + " s waiting for " + description);
      }
      consumer.poll(Duration.ofMillis(200));
    }
  }
}
