package io.cenotoo.ingest;

import io.cenotoo.bus.Address;
import io.cenotoo.bus.Replies;
import io.cenotoo.config.Config;
import io.cenotoo.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.admin.KafkaAdminClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness ping of the ingest role, which replies once Kafka describes its cluster. One instance
 * runs per node with the ingest role, so the node keeps one admin client however many ingest
 * owners it runs.
 */
public final class IngestPingVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(IngestPingVerticle.class);

  private KafkaAdminClient kafkaAdmin;
  private MessageConsumer<JsonObject> ping;

  @Override
  public Future<?> start() {
    // The cluster description needs no topic. A topic lookup, such as __consumer_offsets, fails
    // on a new cluster until the first consumer group exists.
    kafkaAdmin = KafkaAdminClient.create(vertx, KafkaSettings.common(Config.fromJson(config())));
    ping = vertx.eventBus().consumer(Address.INGEST_PING, message -> Replies.bind(message,
        m -> kafkaAdmin.describeCluster().map(cluster -> new JsonObject().put("kafka", "ok"))));
    LOG.info("Ingest readiness ping started");
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    LOG.info("Ingest readiness ping stopping");
    return ping.unregister().transform(done -> kafkaAdmin.close());
  }
}
