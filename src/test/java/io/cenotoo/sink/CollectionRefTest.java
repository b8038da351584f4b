package io.cenotoo.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.cenotoo.kafka.Topics;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.impl.KafkaConsumerRecordImpl;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Reading a record's project and collection from its Kafka headers. */
class CollectionRefTest {

  private static final UUID PROJECT = UUID.fromString("11111111-1111-4111-8111-111111111111");
  private static final UUID COLLECTION = UUID.fromString("22222222-2222-4222-8222-222222222222");
  private static final UUID OTHER = UUID.fromString("33333333-3333-4333-8333-333333333333");

  private static KafkaConsumerRecord<byte[], byte[]> record(String project, String collection) {
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("cenotoo.data.x", 0, 0,
        "k".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    if (project != null) {
      record.headers().add(Topics.HEADER_PROJECT_ID, project.getBytes(StandardCharsets.UTF_8));
    }
    if (collection != null) {
      record.headers().add(Topics.HEADER_COLLECTION_ID, collection.getBytes(StandardCharsets.UTF_8));
    }
    return new KafkaConsumerRecordImpl<>(record);
  }

  @Test
  void consecutiveRecordsShareRef() {
    BatchStore.CollectionRef.Reader reader = new BatchStore.CollectionRef.Reader();

    BatchStore.CollectionRef first = reader.read(record(PROJECT.toString(), COLLECTION.toString()));
    BatchStore.CollectionRef second = reader.read(record(PROJECT.toString(), COLLECTION.toString()));

    assertEquals(new BatchStore.CollectionRef(PROJECT, COLLECTION), first);
    assertSame(first, second);
  }

  @Test
  void changedCollectionIsReadAgain() {
    BatchStore.CollectionRef.Reader reader = new BatchStore.CollectionRef.Reader();
    reader.read(record(PROJECT.toString(), COLLECTION.toString()));

    BatchStore.CollectionRef changed = reader.read(record(PROJECT.toString(), OTHER.toString()));

    assertEquals(new BatchStore.CollectionRef(PROJECT, OTHER), changed);
  }

  @Test
  void missingOrMalformedHeaderGivesNull() {
    BatchStore.CollectionRef.Reader reader = new BatchStore.CollectionRef.Reader();

    assertNull(reader.read(record(null, COLLECTION.toString())));
    assertNull(reader.read(record(PROJECT.toString(), null)));
    assertNull(reader.read(record(PROJECT.toString(), "not-a-uuid")));
    assertEquals(new BatchStore.CollectionRef(PROJECT, COLLECTION),
        reader.read(record(PROJECT.toString(), COLLECTION.toString())));
  }
}
