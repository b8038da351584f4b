package io.cenotoo.kafka;

import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;

/** Kafka client properties derived from the configuration. */
public final class KafkaSettings {

  /** kafka-clients' default max.request.size, 1 MiB. */
  private static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;
  /**
   * Room for a record's headers (two collection ids and a W3C traceparent, about 180 bytes) and the
   * framing of a one-record batch (61 bytes of batch header and at most 21 of record header).
   */
  private static final int RECORD_FRAMING_BYTES = 4096;
  /**
   * Value size in bytes from which records are published without compression. kafka-clients
   * bounds a consumer's fetch by the compressed bytes of its batches only, so up to
   * max.poll.records (2,000) records of near MAX_RECORD_BYTES that compress well arrive in one poll
   * and fill hundreds of megabytes of the sink's heap. Uncompressed, their full size counts toward
   * max.partition.fetch.bytes and fetch.max.bytes, and the compressed records below this size make
   * at most 2,000 × 16 KiB = 32 MiB per poll.
   */
  public static final int UNCOMPRESSED_FROM_BYTES = 16 * 1024;

  private KafkaSettings() {
  }

  /** Connection settings shared by the producer, the consumer and the admin client. */
  public static Map<String, String> common(Config config) {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", config.get(Setting.KAFKA_BROKERS));
    String username = config.get(Setting.KAFKA_USERNAME);
    if (!username.isEmpty()) {
      String module = config.get(Setting.KAFKA_SASL_MECHANISM).startsWith("SCRAM")
          ? "org.apache.kafka.common.security.scram.ScramLoginModule"
          : "org.apache.kafka.common.security.plain.PlainLoginModule";
      props.put("security.protocol", config.get(Setting.KAFKA_SECURITY_PROTOCOL));
      props.put("sasl.mechanism", config.get(Setting.KAFKA_SASL_MECHANISM));
      props.put("sasl.jaas.config", module + " required username=\"" + escape(username) + "\" password=\""
          + escape(config.get(Setting.KAFKA_PASSWORD)) + "\";");
    }
    return props;
  }

  /**
   * Returns the settings of the node's idempotent producer for records under
   * {@link #UNCOMPRESSED_FROM_BYTES}: acks from every in-sync replica, lz4 batches, and a 5 ms
   * linger so that records of concurrent requests share batches. Its request size limit, 1 MiB by
   * default, grows with {@link Setting#MAX_RECORD_BYTES} plus room for a record's headers and its
   * batch's framing, so that every record the ingest owner accepts fits.
   */
  public static Map<String, String> producer(Config config) {
    return producer(config, "lz4");
  }

  /**
   * Returns the settings of the node's producer for records of {@link #UNCOMPRESSED_FROM_BYTES} and
   * more: those of {@link #producer(Config)} without compression.
   */
  public static Map<String, String> uncompressedProducer(Config config) {
    return producer(config, "none");
  }

  /**
   * Returns the settings of the sink's producer of dead letters: those of
   * {@link #uncompressedProducer(Config)} with byte-array keys and values, which it copies from the
   * records it could not store.
   */
  public static Map<String, String> deadLetterProducer(Config config) {
    Map<String, String> props = uncompressedProducer(config);
    props.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    props.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    return props;
  }

  private static Map<String, String> producer(Config config, String compression) {
    Map<String, String> props = common(config);
    props.put("max.request.size", String.valueOf(Math.max(DEFAULT_MAX_REQUEST_SIZE,
        config.getInt(Setting.MAX_RECORD_BYTES) + RECORD_FRAMING_BYTES)));
    props.put("acks", "all");
    props.put("enable.idempotence", "true");
    props.put("compression.type", compression);
    props.put("linger.ms", "5");
    props.put("batch.size", "131072");
    props.put("delivery.timeout.ms", "30000");
    props.put("request.timeout.ms", "10000");
    props.put("max.block.ms", "10000");
    props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    props.put("value.serializer", "io.vertx.kafka.client.serialization.BufferSerializer");
    return props;
  }

  /**
   * Returns the sink consumer's settings. The sink commits offsets itself after the Cassandra writes,
   * new topics are found within two seconds, and a new topic is read from its start, so no record
   * sent before the sink noticed the topic is skipped.
   *
   * <p>The kafka-clients 3.7 consumer fetches a partition again only after the sink polled all its
   * buffered records, and the sink waits for that fetch, so the fetch size sets how many records one
   * broker round trip brings. 8 MiB instead of the default 1 MiB is about 45,000 records of 180
   * bytes. In a storage check (200,000 flights) on a 2-core machine that also ran Kafka and
   * Cassandra, it raised the pipelined sink from 22,000–25,000 to 28,000–37,000 rows/s (three runs
   * each). fetch.max.bytes (default 50 MiB) still bounds one fetch response, however many
   * partitions it covers. With several partitions per topic (three by default), one partition's
   * fetch runs while the sink polls the records buffered for the others.
   *
   * <p>default.api.timeout.ms bounds how long commitSync retries, 60 s by default. A commit that
   * names a topic deleted meanwhile retries until then, and the Vert.x consumer cannot poll while it
   * does, so the sink would stall that long.
   */
  public static Map<String, String> consumer(Config config) {
    Map<String, String> props = common(config);
    props.put("group.id", config.get(Setting.KAFKA_CONSUMER_GROUP));
    props.put("enable.auto.commit", "false");
    props.put("auto.offset.reset", "earliest");
    props.put("metadata.max.age.ms", "2000");
    // Every new collection topic matches the sinks' pattern and starts a rebalance. With the default
    // eager protocol each sink gives up all its partitions and drops its polls in flight. The
    // cooperative protocol moves only the partitions that change owner. kafka-clients' default list
    // [range, cooperative-sticky] lets earlier sinks share the group during a rolling upgrade.
    props.put("partition.assignment.strategy", CooperativeStickyAssignor.class.getName());
    props.put("max.poll.records", "2000");
    props.put("max.partition.fetch.bytes", String.valueOf(8 * 1024 * 1024));
    props.put("default.api.timeout.ms", "5000");
    // Byte arrays, because the sink ignores the key and decodes the value straight from its bytes,
    // so a String key or a Vert.x Buffer value per record would be work for nothing.
    props.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    props.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    return props;
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
