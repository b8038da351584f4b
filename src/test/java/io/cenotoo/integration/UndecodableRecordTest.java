package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.embedded.StackEndpoints;
import io.cenotoo.kafka.Topics;
import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.SharedStack;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A value in a collection topic that is not a record of the collection must not stop the sink, so
 * the records after it are still stored. Only a writer other than the ingest owner can produce one.
 */
class UndecodableRecordTest {

  @Test
  void recordsAfterUndecodableValueAreStored() throws Exception {
    Api api = Api.forTestNode();
    Auth admin = Auth.bearer(api.adminToken());
    String projectId = api.createProject(admin);
    Auth key = Auth.key(api.createKey(projectId, "write", admin));
    String collectionId = api.createCollection(projectId, "poisoned", new JsonObject().put("v", "int"), admin);
    String path = Api.collectionPath(projectId, collectionId);

    publishRaw(Topics.forCollection(UUID.fromString(collectionId)), projectId, collectionId, "not json at all");
    publishRaw(Topics.forCollection(UUID.fromString(collectionId)), projectId, collectionId,
        "{\"key\": \"k\", \"timestamp\": \"yesterday\", \"v\": 1}");
    JsonArray records = new JsonArray()
        .add(new JsonObject().put("key", "k").put("timestamp", "2024-01-01T00:00:00Z").put("v", 1))
        .add(new JsonObject().put("key", "k").put("timestamp", "2024-01-01T00:00:01Z").put("v", 2));
    assertEquals(200, api.post(path + "/send_data", records, key).status());

    JsonArray stored = api.awaitData(path + "/get_data?limit=10", key, r -> r.json().getJsonArray("data").size() == 2)
        .json().getJsonArray("data");
    assertEquals(2, stored.getJsonObject(0).getInteger("v"));
    assertTrue(counter(api.get("/metrics", Auth.NONE).raw().body(), "cenotoo_sink_records_undecodable_total") >= 2);
  }

  /** Returns the value of a Prometheus counter without labels, or 0 when it is missing. */
  private static double counter(String metrics, String name) {
    return metrics.lines()
        .filter(line -> line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
        .findFirst().orElse(0);
  }

  private static void publishRaw(String topic, String projectId, String collectionId, String value) throws Exception {
    StackEndpoints stack = SharedStack.get();
    Map<String, Object> settings = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings)) {
      ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, "k", value.getBytes(StandardCharsets.UTF_8));
      record.headers()
          .add(Topics.HEADER_PROJECT_ID, projectId.getBytes(StandardCharsets.UTF_8))
          .add(Topics.HEADER_COLLECTION_ID, collectionId.getBytes(StandardCharsets.UTF_8));
      producer.send(record).get(30, TimeUnit.SECONDS);
    }
  }
}
