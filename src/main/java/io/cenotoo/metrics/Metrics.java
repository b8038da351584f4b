package io.cenotoo.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * Prometheus metrics of a node. Vert.x records HTTP requests per route template, method and status
 * (with latency histograms), event-bus traffic per address, including timeouts and missing
 * handlers, and the JVM's memory, garbage collections, threads and classes. The owners add their
 * own meters (Kafka sends, sink writes) to {@link #registry()}.
 */
public final class Metrics {

  /** A registry that keeps nothing, for Vert.x instances started without metrics. */
  private static final MeterRegistry NONE = new CompositeMeterRegistry();

  private Metrics() {
  }

  public static VertxOptions vertxOptions() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true))
        .addLabels(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_ADDRESS, Label.EB_FAILURE));
  }

  public static MeterRegistry registry() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return registry == null ? NONE : registry;
  }
}
