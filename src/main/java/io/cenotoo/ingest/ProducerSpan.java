package io.cenotoo.ingest;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * The Kafka send span of one request. The ingest owner sends with the native producer, which Vert.x
 * does not trace, so this span replaces Vert.x's own. It is a child of the event-bus span and is
 * written into every record's headers as W3C trace context, where the sink finds it.
 */
final class ProducerSpan {

  private static final TextMapSetter<Headers> HEADERS =
      (headers, key, value) -> headers.remove(key).add(key, value.getBytes(StandardCharsets.UTF_8));

  private final OpenTelemetry openTelemetry;
  private final Span span;
  private final Context context;

  private ProducerSpan(OpenTelemetry openTelemetry, Span span) {
    this.openTelemetry = openTelemetry;
    this.span = span;
    this.context = Context.current().with(span);
  }

  /** Starts the span as a child of the current context, which Vert.x sets to the event-bus span. */
  static ProducerSpan start(OpenTelemetry openTelemetry, String topic, int records) {
    Span span = openTelemetry.getTracer("io.cenotoo.ingest").spanBuilder("kafka_send " + topic)
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.destination.name", topic)
        .setAttribute("messaging.batch.message_count", records)
        .startSpan();
    return new ProducerSpan(openTelemetry, span);
  }

  void inject(Headers headers) {
    openTelemetry.getPropagators().getTextMapPropagator().inject(context, headers, HEADERS);
  }

  /** Ends the span, marked as an error when {@code failure} is not null. */
  void end(Throwable failure) {
    if (failure != null) {
      span.setStatus(StatusCode.ERROR, failure.getMessage());
    }
    span.end();
  }
}
