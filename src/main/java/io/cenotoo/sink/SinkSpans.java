package io.cenotoo.sink;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.Future;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The sink's write span. Its parent is the trace of the first record of the batch, read from the
 * Kafka record headers that the producer's tracing wrote; the other records' traces are attached as
 * links, at most {@link #MAX_LINKS}, so one request's trace reaches the Cassandra write.
 */
final class SinkSpans {

  static final int MAX_LINKS = 32;

  private static final TextMapGetter<KafkaConsumerRecord<byte[], byte[]>> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(KafkaConsumerRecord<byte[], byte[]> record) {
      List<String> keys = new ArrayList<>();
      record.headers().forEach(header -> keys.add(header.key()));
      return keys;
    }

    @Override
    public String get(KafkaConsumerRecord<byte[], byte[]> record, String key) {
      for (KafkaHeader header : record.headers()) {
        if (header.key().equals(key)) {
          return header.value().toString();
        }
      }
      return null;
    }
  };

  private SinkSpans() {
  }

  static Future<Void> traced(OpenTelemetry openTelemetry, UUID collectionId, List<KafkaConsumerRecord<byte[], byte[]>> batch,
      Supplier<Future<Void>> write) {
    SpanBuilder builder = openTelemetry.getTracer("io.cenotoo.sink").spanBuilder("cenotoo.sink.write")
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute("cenotoo.collection_id", collectionId.toString())
        .setAttribute("messaging.batch.message_count", batch.size());
    boolean parentSet = false;
    int links = 0;
    for (KafkaConsumerRecord<byte[], byte[]> record : batch) {
      Context extracted = openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), record, HEADERS);
      SpanContext remote = Span.fromContext(extracted).getSpanContext();
      if (!remote.isValid()) {
        continue;
      }
      if (!parentSet) {
        builder.setParent(extracted);
        parentSet = true;
      } else if (links++ < MAX_LINKS) {
        builder.addLink(remote);
      }
    }
    if (!parentSet) {
      builder.setNoParent();
    }

    Span span = builder.startSpan();
    return write.get().onComplete(done -> {
      if (done.failed()) {
        span.setStatus(StatusCode.ERROR, done.cause().getMessage());
      }
      span.end();
    });
  }
}
