package io.cenotoo.tracing;

import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.shareddata.Shareable;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.Optional;

/**
 * OpenTelemetry tracing, on only when {@code OTLP_ENDPOINT} is set. Vert.x then traces each HTTP
 * request, each event-bus hop and each Kafka send, and carries the W3C trace context in Kafka record
 * headers, where the sink picks it up for its write span.
 */
public final class Tracing {

  private static final String LOCAL_MAP = "cenotoo.tracing";

  private Tracing() {
  }

  /** Makes the SDK available to the verticles of this Vert.x instance through {@link #openTelemetry}. */
  public static void register(Vertx vertx, OpenTelemetry openTelemetry) {
    vertx.sharedData().<String, Holder>getLocalMap(LOCAL_MAP).put("sdk", new Holder(openTelemetry));
  }

  /** Returns the OpenTelemetry registered for this Vert.x instance, or a no-op one when tracing is off. */
  public static OpenTelemetry openTelemetry(Vertx vertx) {
    Holder holder = vertx.sharedData().<String, Holder>getLocalMap(LOCAL_MAP).get("sdk");
    return holder == null ? OpenTelemetry.noop() : holder.openTelemetry();
  }

  /** Lets the SDK live in a local map, which accepts only shareable values. */
  private record Holder(OpenTelemetry openTelemetry) implements Shareable {
  }

  /** Adds the tracer to the builder when {@code OTLP_ENDPOINT} is set; returns the SDK to close at exit. */
  public static Optional<OpenTelemetrySdk> configure(VertxBuilder builder, Config config) {
    String endpoint = config.get(Setting.OTLP_ENDPOINT);
    if (endpoint.isBlank()) {
      return Optional.empty();
    }
    SpanProcessor exporter = BatchSpanProcessor.builder(OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build()).build();
    return Optional.of(install(builder, exporter, config.get(Setting.OTLP_SERVICE_NAME)));
  }

  /** Installs tracing with any span processor; tests pass one that keeps spans in memory. */
  public static OpenTelemetrySdk install(VertxBuilder builder, SpanProcessor processor, String serviceName) {
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
        io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), serviceName)));
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().setResource(resource).addSpanProcessor(processor).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    builder.withTracer(new OpenTelemetryTracingFactory(sdk));
    return sdk;
  }
}
