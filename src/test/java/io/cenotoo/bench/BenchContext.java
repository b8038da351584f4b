package io.cenotoo.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.embedded.EmbeddedStack;
import io.cenotoo.embedded.StackEndpoints;
import io.cenotoo.kafka.KafkaSettings;
import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.NodeProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What every scenario shares: the servers, the Cenotoo node under test and its sink node, each with
 * a meter on its process, an HTTP client, a Cassandra session and a Kafka admin client for the raw
 * baselines.
 */
final class BenchContext implements AutoCloseable {

  /** The node's sink consumer group, set explicitly so the benchmark can read its committed offsets. */
  static final String SINK_GROUP = "cenotoo-bench-sink";
  /** Largest number of HTTP connections the client opens to the node. */
  private static final int MAX_CONNECTIONS = 128;
  /** How often the sink's lag is checked; it bounds how late the storage clock stops, in milliseconds. */
  private static final long LAG_POLL_MILLIS = 20;
  /** Wait for the sink to fetch a newly assigned partition: twice fetch.max.wait.ms (500 ms by default). */
  private static final long FETCH_JOIN_MILLIS = 1_000;

  /** Combined CPU use of the embedded servers, in cores, below which they count as quiet. */
  private static final double QUIET_CORES = 0.15;
  /** Window over which the servers' CPU use is averaged, in milliseconds. */
  private static final long QUIET_WINDOW_MILLIS = 250;
  /** Maximum wait for the servers to go quiet, after which a measurement starts anyway. */
  private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(60);

  final StackEndpoints stack;
  final NodeProcess node;
  final ProcessMeter meter;
  final NodeProcess sink;
  final ProcessMeter sinkMeter;
  final Workload workload;
  final Vertx vertx;
  final WebClient http;
  final CqlSession cassandra;
  final AdminClient kafkaAdmin;
  final Config kafkaConfig;
  final Api api;
  final int port;
  final String projectId;
  final Auth writeKey;

  BenchContext(StackEndpoints stack, NodeProcess node, NodeProcess sink, Workload workload) {
    this.stack = stack;
    this.node = node;
    this.meter = new ProcessMeter(node.pid());
    this.sink = sink;
    this.sinkMeter = new ProcessMeter(sink.pid());
    this.workload = workload;
    this.api = node.api();
    this.port = node.port();
    this.vertx = Vertx.vertx();
    this.http = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
        .setDefaultHost("127.0.0.1").setDefaultPort(port), new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
    this.cassandra = CqlSession.builder()
        .addContactPoint(new InetSocketAddress(stack.cassandraHost(), stack.cassandraPort()))
        .withLocalDatacenter(stack.cassandraLocalDatacenter())
        // The driver's 2 s default fails schema changes and full counts on a busy machine.
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30)).build())
        .build();
    this.kafkaConfig = Config.load(Map.of(Config.CONFIG_FILE_VARIABLE, "does-not-exist.json",
        Setting.KAFKA_BROKERS.name(), stack.kafkaBootstrap()));
    Properties adminProps = new Properties();
    adminProps.putAll(KafkaSettings.common(kafkaConfig));
    this.kafkaAdmin = AdminClient.create(adminProps);

    Auth admin = Auth.bearer(api.adminToken());
    this.projectId = api.createProject(admin);
    this.writeKey = Auth.key(api.createKey(projectId, "write", admin));
  }

  /**
   * Waits until the embedded Cassandra and Kafka together use less than {@link #QUIET_CORES} of a
   * core, so a measurement does not share the cores with the memtable flushes and compactions that
   * the previous one left behind. Those took up to 60% of a core for seconds after a storage
   * measurement. Gives up after {@link #QUIET_TIMEOUT} and returns at once for external servers,
   * whose processes this machine may not see.
   */
  void awaitServersQuiet() throws InterruptedException {
    if (!(stack instanceof EmbeddedStack embedded)) {
      return;
    }
    List<ProcessMeter> servers = List.of(new ProcessMeter(embedded.cassandraPid()), new ProcessMeter(embedded.kafkaPid()));
    long deadline = System.nanoTime() + QUIET_TIMEOUT.toNanos();
    double cores;
    do {
      double before = servers.stream().mapToDouble(ProcessMeter::cpuSeconds).sum();
      Thread.sleep(QUIET_WINDOW_MILLIS);
      cores = (servers.stream().mapToDouble(ProcessMeter::cpuSeconds).sum() - before) * 1000 / QUIET_WINDOW_MILLIS;
    } while (cores >= QUIET_CORES && System.nanoTime() < deadline);
    if (cores >= QUIET_CORES) {
      System.out.println(Report.format("  the servers still used %.2f cores after %d s; measuring anyway", cores,
          QUIET_TIMEOUT.toSeconds()));
    }
  }

  /** CPU seconds the embedded Cassandra has used since it started, or NaN for an external one. */
  double cassandraCpuSeconds() {
    return stack instanceof EmbeddedStack embedded ? new ProcessMeter(embedded.cassandraPid()).cpuSeconds() : Double.NaN;
  }

  /** Creates a collection of the flight fields and returns its API path. */
  String createCollection(String name) {
    Auth admin = Auth.bearer(api.adminToken());
    return Api.collectionPath(projectId, api.createCollection(projectId, name, Workload.SCHEMA, admin));
  }

  /** Sends one HTTP request with the write key and completes with the response, whatever its status. */
  CompletionStage<HttpResponse<Buffer>> send(HttpMethod method, String uri, Buffer body) {
    var request = http.request(method, uri).putHeader(writeKey.header(), writeKey.value());
    Future<HttpResponse<Buffer>> response = body == null ? request.send()
        : request.putHeader("Content-Type", "application/json").sendBuffer(body);
    return response.toCompletionStage();
  }

  /**
   * Stops the sink process with SIGSTOP, so an ingest measurement shares the cores with nothing the
   * raw producer's measurement does not have. Kafka keeps the sink in its group while the pause is
   * shorter than the consumer's session timeout (45 s).
   */
  void pauseSink() throws IOException, InterruptedException {
    signalSink("-STOP");
  }

  /** Lets the sink process run again after {@link #pauseSink()}. */
  void resumeSink() throws IOException, InterruptedException {
    signalSink("-CONT");
  }

  private void signalSink(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", signal, String.valueOf(sink.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill " + signal + " " + sink.pid() + " failed with status " + kill.exitValue());
    }
  }

  /** Fetches the node's contract text. */
  String contract() {
    return api.get("/openapi.yaml", Auth.NONE).raw().body();
  }

  /**
   * Waits until the sink committed every record of the collection topics, so the next measurement
   * does not share the CPU with a sink still catching up. Returns the seconds it waited.
   */
  double awaitSinkCaughtUp(Duration timeout) throws InterruptedException, ExecutionException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (sinkLag() == 0) {
        return (System.nanoTime() - start) / 1e9;
      }
      Thread.sleep(LAG_POLL_MILLIS);
    }
    throw new IllegalStateException("The sink still lags " + sinkLag() + " records after " + timeout.toSeconds() + " s");
  }

  /**
   * Waits until the sink's group has every partition of {@code topic} assigned, then
   * {@link #FETCH_JOIN_MILLIS}. These start-up delays of a new topic are not part of storage.
   *
   * <p>A pattern subscription includes a new topic after its next metadata refresh and rebalance.
   * The consumer then adds the new partitions to its fetches once the long poll in flight returns.
   */
  void awaitSinkAssigned(String topic, Duration timeout) throws InterruptedException, ExecutionException {
    int partitions = kafkaAdmin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      long assigned = kafkaAdmin.describeConsumerGroups(Set.of(SINK_GROUP)).all().get().get(SINK_GROUP).members().stream()
          .flatMap(member -> member.assignment().topicPartitions().stream())
          .filter(partition -> partition.topic().equals(topic))
          .count();
      if (assigned == partitions) {
        Thread.sleep(FETCH_JOIN_MILLIS);
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("The sink was not assigned " + topic + " within " + timeout.toSeconds() + " s");
  }

  /** Returns the end offset of each partition of {@code topic}. */
  Map<TopicPartition, Long> endOffsets(String topic) throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    kafkaAdmin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions()
        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    kafkaAdmin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }

  /**
   * Waits until the sink has committed the offsets {@code ends} and returns the seconds it waited.
   * Each check is one offset fetch for those partitions. {@link #sinkLag()} takes four admin
   * requests, which at one check every 20 ms took about a fifth of a core in the benchmark process
   * alone (plus the broker's share) that the measured sink would otherwise have had.
   */
  double awaitSinkCommitted(Map<TopicPartition, Long> ends, Duration timeout)
      throws InterruptedException, ExecutionException {
    ListConsumerGroupOffsetsSpec partitions = new ListConsumerGroupOffsetsSpec().topicPartitions(ends.keySet());
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long lag;
    do {
      Map<TopicPartition, OffsetAndMetadata> committed =
          kafkaAdmin.listConsumerGroupOffsets(Map.of(SINK_GROUP, partitions)).partitionsToOffsetAndMetadata().get();
      lag = 0;
      for (var end : ends.entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        lag += end.getValue() - (done == null ? 0 : done.offset());
      }
      if (lag <= 0) {
        return (System.nanoTime() - start) / 1e9;
      }
      Thread.sleep(LAG_POLL_MILLIS);
    } while (System.nanoTime() < deadline);
    throw new IllegalStateException("The sink still lags " + lag + " records after " + timeout.toSeconds()
        + " s. Check the sink process's log for failed writes.");
  }

  /** Records in the collection topics that the sink has not yet committed. */
  long sinkLag() throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        kafkaAdmin.listConsumerGroupOffsets(SINK_GROUP).partitionsToOffsetAndMetadata().get();
    Set<String> topics = kafkaAdmin.listTopics().names().get().stream()
        .filter(io.cenotoo.kafka.Topics.ALL_COLLECTIONS.asMatchPredicate())
        .collect(Collectors.toSet());
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    kafkaAdmin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
        description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResultInfo> ends = kafkaAdmin.listOffsets(latest).all().get();
    long lag = 0;
    for (var entry : ends.entrySet()) {
      OffsetAndMetadata done = committed.get(entry.getKey());
      lag += entry.getValue().offset() - (done == null ? 0 : done.offset());
    }
    return lag;
  }

  @Override
  public void close() throws ExecutionException, TimeoutException {
    http.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      // The other clients still get closed. The caller sees the interrupt through the thread's flag.
      Thread.currentThread().interrupt();
    }
    cassandra.close();
    kafkaAdmin.close(Duration.ofSeconds(10));
  }
}
