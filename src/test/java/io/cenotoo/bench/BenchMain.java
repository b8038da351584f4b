package io.cenotoo.bench;

import io.cenotoo.config.Setting;
import io.cenotoo.embedded.EmbeddedStack;
import io.cenotoo.embedded.StackEndpoints;
import io.cenotoo.testing.NodeProcess;
import io.cenotoo.testing.SharedStack;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The end-to-end benchmark behind {@code make bench}: one Cenotoo node in its own process on the
 * embedded Cassandra and Kafka (or the servers named by {@code CASSANDRA_CONTACT_POINTS} and
 * {@code KAFKA_BROKERS}), each scenario paired with its raw client baseline in the same run, two
 * full runs, then the JMH micro-benchmarks. Prints the results and writes {@code docs/benchmarks.md}.
 *
 * <p>System properties: {@code bench.runs} (default 2), {@code bench.seconds} per load measurement
 * (default 6), {@code bench.reads} get_data requests per run (default 2000), {@code bench.micro}
 * (default true), and {@code bench.only}, a comma-separated subset of batch, single, storage, reads
 * and statistics for a quick look (reads and statistics also run storage, which loads their data).
 * A subset run writes {@code target/bench/benchmarks.md} instead of the published page.
 */
public final class BenchMain {

  private static final int[] BATCH_CONCURRENCY = {4, 16, 64};
  private static final int[] SINGLE_CONCURRENCY = {16, 64};
  /** The single-record latency target applies at this concurrency, the "moderate load" of the targets. */
  private static final int MODERATE_CONCURRENCY = 16;
  private static final Duration SINK_CATCH_UP = Duration.ofMinutes(3);
  private static final int STORAGE_WARM_UP_ROWS = 50_000;
  /**
   * get_data warm-up, in unrecorded blocks of requests per side. The node's JIT keeps compiling the
   * read path for thousands of requests. On this project's 2-core machine, its C2 compiler thread
   * still used almost as much CPU as its event loops after 6,000 requests per side (top -H), while
   * the raw side's driver code was compiled during the earlier scenarios. The warm-up therefore
   * stops only once the node's p50 has stopped falling and its compiler threads are nearly idle, so
   * both sides are measured in their steady state.
   */
  private static final int READ_WARM_UP_BLOCK = 1000;
  private static final int READ_WARM_UP_MIN = 4000;
  private static final int READ_WARM_UP_MAX = 30_000;
  /** A block whose p50 is above this share of the best earlier block's counts as no improvement. */
  private static final double READ_WARM_UP_LEVEL = 0.97;
  /**
   * A block during which the node's JIT compiler threads used less CPU than this share of the
   * block's time counts as compiled. In one reads-only run they used 16–32% of a core in the blocks
   * around 10,000 requests per side, where the p50 rule alone stopped the warm-up, and under 2% from
   * about 16,000. Meanwhile the node's p50 fell from about 0.95 ms to 0.80 ms.
   */
  private static final double READ_WARM_UP_COMPILER_SHARE = 0.02;
  /**
   * Ingest warm-up rounds after the fixed warm-up: each runs batch ingest at c=4 and c=16 and
   * single-record ingest at c=16 for {@link #INGEST_SETTLE_SLICE} each. While the node's one C2
   * compiler thread is behind, HotSpot compiles new hot methods with C1 at level 2, without a full
   * profile, and moves them on to C2 only as the queue drains. On this project's 2-core machine
   * the compiler threads used 6–26% of a core in each of the first 24 rounds of one run and under 1%
   * from the 25th. Without the rounds the node spent 23–25 µs of CPU per record in the first run's
   * batch c=4 (three runs), against 5–6 µs in the second run. The rounds stop once the compiler
   * threads use under {@link #INGEST_SETTLE_COMPILER_SHARE} of a core for two rounds in a row.
   */
  private static final Duration INGEST_SETTLE_SLICE = Duration.ofSeconds(1);
  private static final int INGEST_SETTLE_MAX_ROUNDS = 30;
  private static final double INGEST_SETTLE_COMPILER_SHARE = 0.05;

  private final Report report = new Report();
  private final int runs = Integer.getInteger("bench.runs", 2);
  private final Duration measurement = Duration.ofSeconds(Integer.getInteger("bench.seconds", 6));
  private final int reads = Integer.getInteger("bench.reads", 2000);
  private final Set<String> only = Arrays.stream(System.getProperty("bench.only", "").split(","))
      .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
  private final java.nio.file.Path datasets = Workload.datasetsDir();
  private boolean storageWarmedUp;
  /** The flights-20k collection of the statistics scenario, loaded once for every run. */
  private StatisticsBench.Loaded flights;

  private BenchMain() {
  }

  public static void main(String[] args) throws Exception {
    new BenchMain().run();
    // The stack's shutdown hook stops the embedded servers.
    System.exit(0);
  }

  private void run() throws Exception {
    Path projectDir = EmbeddedStack.Options.defaultProjectDir();
    long started = System.nanoTime();
    Workload workload = Workload.load();
    StackEndpoints stack = SharedStack.get();

    Path logDir = projectDir.resolve("target").resolve("bench");
    Files.createDirectories(logDir);
    Path nodeLog = logDir.resolve("node.log");
    Files.deleteIfExists(nodeLog);
    Path sinkLog = logDir.resolve("sink.log");
    Files.deleteIfExists(sinkLog);
    // Production defaults for what the test node changes: one HTTP verticle per core, 5 s API-key cache.
    // The sink runs in a process of its own, as in a scaled-out deployment, so ingest measurements
    // can pause it. It also runs the admin role, which resolves collections for it.
    NodeProcess node = NodeProcess.create(nodeLog, Map.of(
        Setting.CENOTOO_ROLES.name(), "api,ingest,query,stats,admin",
        Setting.HTTP_INSTANCES.name(), Setting.HTTP_INSTANCES.defaultValue(),
        Setting.API_KEY_CACHE_SECONDS.name(), Setting.API_KEY_CACHE_SECONDS.defaultValue()));
    NodeProcess sink = NodeProcess.create(sinkLog, Map.of(
        Setting.CENOTOO_ROLES.name(), "sink,admin",
        Setting.KAFKA_CONSUMER_GROUP.name(), BenchContext.SINK_GROUP));
    try (node; sink) {
      node.start().awaitReady(60);
      sink.start();
      System.out.println("Cenotoo node pid " + node.pid() + " on port " + node.port() + ", log " + nodeLog
          + "; sink pid " + sink.pid() + ", log " + sinkLog);
      try (BenchContext context = new BenchContext(stack, node, sink, workload);
          IngestBench ingest = new IngestBench(context);
          StorageBench storage = new StorageBench(context)) {
        describeEnvironment(projectDir, stack, context);
        if (selected("batch") || selected("single")) {
          warmUp(context, ingest);
        }
        for (int run = 1; run <= runs; run++) {
          System.out.println("Run " + run + " of " + runs);
          // Odd runs measure Cenotoo first and even runs the raw client first, so drift in the
          // machine's load does not always favour the same side.
          boolean cenotooFirst = run % 2 == 1;
          if (selected("batch")) {
            batchIngest(run, cenotooFirst, context, ingest);
          }
          if (selected("single")) {
            singleIngest(run, cenotooFirst, context, ingest);
          }
          if (selected("storage") || selected("reads") || selected("statistics")) {
            storage(run, cenotooFirst, context, storage);
          }
          if (selected("reads")) {
            reads(run, context, storage);
          }
          if (selected("statistics")) {
            statistics(run, context, storage);
          }
        }
      }
      report.environment("Lifetime peak RSS", Report.format("node %.0f MiB, sink %.0f MiB (VmHWM; conf/jvm.options and -Xmx"
          + NodeProcess.MAX_HEAP + " each)",
          new ProcessMeter(node.pid()).lifetimePeakRssMib(), new ProcessMeter(sink.pid()).lifetimePeakRssMib()));
      sink.stop();
      node.stop();
    }
    if (only.isEmpty() && Boolean.parseBoolean(System.getProperty("bench.micro", "true"))) {
      micro();
    }
    report.environment("Wall time", Report.format("%.1f min", (System.nanoTime() - started) / 60e9));

    Path page = only.isEmpty() ? projectDir.resolve("docs").resolve("benchmarks.md") : logDir.resolve("benchmarks.md");
    String markdown = report.markdown(Method.TEXT);
    report.write(page, Method.TEXT);
    System.out.println();
    System.out.println(markdown);
    System.out.println("Wrote " + page);
  }

  private boolean selected(String scenario) {
    return only.isEmpty() || only.contains(scenario);
  }

  private void warmUp(BenchContext context, IngestBench ingest) throws Exception {
    System.out.println("Warming up the node, the broker and the clients");
    // Long enough for the JIT to compile the node's ingest and sink paths: with 4 s, the first run's
    // node spent three times more CPU per record than the second run's.
    Duration warmUp = Duration.ofSeconds(15);
    ingest.cenotooBatch(16, warmUp);
    ingest.cenotooSingle(16, warmUp);
    context.awaitSinkCaughtUp(SINK_CATCH_UP);
    ingest.rawBatch(16, Duration.ofSeconds(5));
    ingest.rawSingle(16, Duration.ofSeconds(5));
    settleIngestCompilation(context, ingest);
  }

  /** Runs rounds of the node's ingest loads until its JIT compiler is nearly idle, then lets the sink catch up. */
  private static void settleIngestCompilation(BenchContext context, IngestBench ingest) throws Exception {
    int rounds = 0;
    int quiet = 0;
    double compilerSeconds = 0;
    while (rounds < INGEST_SETTLE_MAX_ROUNDS && quiet < 2) {
      Map<String, Double> compilerBefore = context.meter.compilerCpuSeconds();
      long roundStart = System.nanoTime();
      ingest.cenotooBatch(4, INGEST_SETTLE_SLICE);
      ingest.cenotooBatch(16, INGEST_SETTLE_SLICE);
      ingest.cenotooSingle(16, INGEST_SETTLE_SLICE);
      double roundSeconds = (System.nanoTime() - roundStart) / 1e9;
      compilerSeconds = ProcessMeter.compilerSecondsBetween(compilerBefore, context.meter.compilerCpuSeconds());
      rounds++;

      quiet = compilerSeconds < INGEST_SETTLE_COMPILER_SHARE * roundSeconds ? quiet + 1 : 0;
    }
    System.out.println(Report.format("  warmed up ingest with %d extra rounds; node's JIT compiler CPU in the last round %.2f s",
        rounds, compilerSeconds));
    context.awaitSinkCaughtUp(SINK_CATCH_UP);
  }

  private void batchIngest(int run, boolean cenotooFirst, BenchContext context, IngestBench ingest) throws Exception {
    double lowest = Double.MAX_VALUE;
    for (int concurrency : BATCH_CONCURRENCY) {
      Measured cenotoo = null;
      Measured raw = null;
      for (int side = 0; side < 2; side++) {
        if ((side == 0) == cenotooFirst) {
          cenotoo = measureIngest(context, () -> ingest.cenotooBatch(concurrency, measurement));
        } else {
          raw = measureSelf(context, () -> ingest.rawBatch(concurrency, measurement));
        }
      }
      ClosedLoop.Result c = cenotoo.result();
      ClosedLoop.Result r = raw.result();
      report.add(new Report.Row(run, "Batch ingest, 100 records, c=" + concurrency, c.recordsPerSecond(),
          r.recordsPerSecond(), "records/s", Report.Better.HIGHER, "kafka-clients producer",
          Report.format("p50 %.1f / p99 %.1f ms per request vs raw %.1f / %.1f ms%s", c.p50Micros() / 1e3,
              c.p99Micros() / 1e3, r.p50Micros() / 1e3, r.p99Micros() / 1e3, failures(c, r)),
          cenotoo.usage(), cpuMicros(cenotoo, c.records()), cpuMicros(raw, r.records())));
      lowest = Math.min(lowest, c.recordsPerSecond() / r.recordsPerSecond());
    }
    report.verdict(run, "Batch ingest ≥ 0.5 × raw producer (lowest ratio over c=4, 16, 64)",
        Report.format("%.2f", lowest), lowest >= 0.5);
  }

  private void singleIngest(int run, boolean cenotooFirst, BenchContext context, IngestBench ingest) throws Exception {
    for (int concurrency : SINGLE_CONCURRENCY) {
      Measured cenotoo = null;
      Measured raw = null;
      for (int side = 0; side < 2; side++) {
        if ((side == 0) == cenotooFirst) {
          cenotoo = measureIngest(context, () -> ingest.cenotooSingle(concurrency, measurement));
        } else {
          raw = measureSelf(context, () -> ingest.rawSingle(concurrency, measurement));
        }
      }
      ClosedLoop.Result c = cenotoo.result();
      ClosedLoop.Result r = raw.result();
      report.add(new Report.Row(run, "Single-record ingest, c=" + concurrency, c.requestsPerSecond(),
          r.requestsPerSecond(), "requests/s", Report.Better.HIGHER, "kafka-clients producer, 1 record per send",
          Report.format("p50 %.1f / p99 %.1f ms vs raw %.1f / %.1f ms%s", c.p50Micros() / 1e3, c.p99Micros() / 1e3,
              r.p50Micros() / 1e3, r.p99Micros() / 1e3, failures(c, r)),
          cenotoo.usage(), cpuMicros(cenotoo, c.requests()), cpuMicros(raw, r.requests())));
      if (concurrency == MODERATE_CONCURRENCY) {
        report.verdict(run, "Single-record ingest p99 < 20 ms at c=" + concurrency,
            Report.format("%.1f ms (%,.0f requests/s)", c.p99Micros() / 1e3, c.requestsPerSecond()),
            c.p99Micros() < 20_000);
      }
    }
  }

  private void storage(int run, boolean cenotooFirst, BenchContext context, StorageBench storage) throws Exception {
    if (!storageWarmedUp) {
      warmUpStorage(context, storage);
      storageWarmedUp = true;
    }
    int count = context.workload.size();
    StorageBench.Result sink = null;
    ProcessMeter.Usage usage = null;
    StorageBench.Result inserts = null;
    StorageBench.Result batches = null;
    ProcessMeter.Usage insertsUsage = null;
    ProcessMeter.Usage batchesUsage = null;
    ProcessMeter self = new ProcessMeter(ProcessHandle.current().pid());
    for (int side = 0; side < 2; side++) {
      context.awaitServersQuiet();
      if ((side == 0) == cenotooFirst) {
        context.sinkMeter.start();
        sink = storage.sink(count);
        usage = context.sinkMeter.stop();
      } else {
        self.start();
        inserts = storage.rawInserts(count);
        insertsUsage = self.stop();
        context.awaitServersQuiet();
        self.start();
        batches = storage.rawBatches(count, 0);
        batchesUsage = self.stop();
      }
    }
    context.awaitServersQuiet();
    StorageBench.Result paced = storage.rawBatches(count, sink.rowsPerSecond());

    double sinkCpu = usage.cpuSeconds() * 1e6 / count;
    report.add(new Report.Row(run, "Storage vs single inserts", sink.rowsPerSecond(), inserts.rowsPerSecond(), "rows/s",
        Report.Better.HIGHER, "driver, prepared inserts, 64 in flight", storageNotes(count, sink, inserts, null), usage,
        sinkCpu, insertsUsage.cpuSeconds() * 1e6 / count));
    report.add(new Report.Row(run, "Storage vs batches of 20", sink.rowsPerSecond(), batches.rowsPerSecond(), "rows/s",
        Report.Better.HIGHER, "driver, unlogged batches per partition, 64 in flight",
        storageNotes(count, sink, batches, paced), usage, sinkCpu, batchesUsage.cpuSeconds() * 1e6 / count));
    double ratio = sink.rowsPerSecond() / Math.max(inserts.rowsPerSecond(), batches.rowsPerSecond());
    report.verdict(run, "Storage ≥ 0.7 × raw driver writes (the faster raw variant)",
        Report.format("%.2f", ratio), ratio >= 0.7);
  }

  /**
   * Runs every storage side once on the first {@link #STORAGE_WARM_UP_ROWS} records, so that the
   * first measured side does not pay for compiling its writer's code. While the first measured sink
   * side ran, the sink process's compiler threads used 0.61 s of CPU without this warm-up and 0.09 s
   * with it. Cassandra's compiler threads kept working either way (0.75 s and 1.04 s), most likely
   * because Cassandra recompiles whenever the kind of work it does changes.
   */
  private static void warmUpStorage(BenchContext context, StorageBench storage) throws Exception {
    System.out.println(Report.format("Warming up the storage sides with %,d rows each", STORAGE_WARM_UP_ROWS));
    context.awaitServersQuiet();
    storage.sink(STORAGE_WARM_UP_ROWS);
    context.awaitServersQuiet();
    storage.rawInserts(STORAGE_WARM_UP_ROWS);
    context.awaitServersQuiet();
    storage.rawBatches(STORAGE_WARM_UP_ROWS, 0);
  }

  /**
   * Returns the notes of a storage row: the row count and, for the embedded Cassandra, its CPU per
   * row while the sink and while the raw client wrote, and while raw batches were paced to the
   * sink's rate when {@code paced} is not null. Cassandra shares the cores with the writer, and its
   * CPU per row grows as the rate falls, so the paced figure distinguishes a costlier statement from a
   * slower writer.
   */
  private static String storageNotes(int rows, StorageBench.Result sink, StorageBench.Result raw,
      StorageBench.Result paced) {
    if (Double.isNaN(sink.cassandraSeconds())) {
      return Report.format("%,d rows", rows);
    }
    String notes = Report.format("%,d rows; Cassandra CPU %.1f / %.1f µs per row", rows,
        sink.cassandraSeconds() * 1e6 / rows, raw.cassandraSeconds() * 1e6 / rows);
    if (paced == null) {
      return notes;
    }
    return notes + Report.format(", %.1f for raw batches paced to the sink's %,.0f rows/s (got %,.0f)",
        paced.cassandraSeconds() * 1e6 / rows, sink.rowsPerSecond(), paced.rowsPerSecond());
  }

  private void reads(int run, BenchContext context, StorageBench storage) throws Exception {
    context.awaitServersQuiet();
    int warmUp = warmUpReads(context, storage);
    context.awaitServersQuiet();
    context.meter.start();
    ReadBench.Result result = ReadBench.run(context, storage.lastCollectionPath(), storage.lastCollectionId(), reads);
    ProcessMeter.Usage usage = context.meter.stop();
    String detail = Report.format("%,d requests each, one at a time, after %,d warm-up requests each", reads, warmUp);
    report.add(new Report.Row(run, "Read 100 rows (key, day), p50", result.cenotooP50() / 1e3, result.rawP50() / 1e3,
        "ms", Report.Better.LOWER, "driver, same SELECT", detail, usage));
    report.add(new Report.Row(run, "Read 100 rows (key, day), p99", result.cenotooP99() / 1e3, result.rawP99() / 1e3,
        "ms", Report.Better.LOWER, "driver, same SELECT", detail, usage));
    double p50 = result.cenotooP50() / result.rawP50();
    double p99 = result.cenotooP99() / result.rawP99();
    report.verdict(run, "Reads ≤ 2 × raw query latency (p50 and p99)", Report.format("p50 %.2f, p99 %.2f", p50, p99),
        p50 <= 2 && p99 <= 2);
  }

  /**
   * Sends unrecorded reads in blocks until two blocks in a row bring the node's p50 no lower than
   * {@link #READ_WARM_UP_LEVEL} of the best block so far and two blocks in a row leave the node's
   * JIT compiler threads nearly idle ({@link #READ_WARM_UP_COMPILER_SHARE}). Returns the requests
   * sent per side.
   */
  private static int warmUpReads(BenchContext context, StorageBench storage) throws Exception {
    int sent = 0;
    int flat = 0;
    int compiled = 0;
    double best = Double.MAX_VALUE;
    double last = 0;
    double compilerSeconds = 0;
    while (sent < READ_WARM_UP_MAX && (sent < READ_WARM_UP_MIN || flat < 2 || compiled < 2)) {
      Map<String, Double> compilerBefore = context.meter.compilerCpuSeconds();
      long blockStart = System.nanoTime();
      ReadBench.Result block = ReadBench.run(context, storage.lastCollectionPath(), storage.lastCollectionId(),
          READ_WARM_UP_BLOCK);
      double blockSeconds = (System.nanoTime() - blockStart) / 1e9;
      compilerSeconds = ProcessMeter.compilerSecondsBetween(compilerBefore, context.meter.compilerCpuSeconds());
      sent += READ_WARM_UP_BLOCK;

      flat = block.cenotooP50() > best * READ_WARM_UP_LEVEL ? flat + 1 : 0;
      compiled = compilerSeconds < READ_WARM_UP_COMPILER_SHARE * blockSeconds ? compiled + 1 : 0;
      best = Math.min(best, block.cenotooP50());
      last = block.cenotooP50();
    }
    System.out.println(Report.format("  warmed up get_data with %,d requests per side; p50 of the last block %.2f ms,"
        + " node's JIT compiler CPU during it %.2f s", sent, last / 1e3, compilerSeconds));
    return sent;
  }

  private void statistics(int run, BenchContext context, StorageBench storage) throws Exception {
    String reason = StatisticsBench.skipReason(context.contract());
    if (reason != null) {
      report.skipped("Run " + run + ", statistics (avg delay per day per origin)", reason);
      return;
    }
    if (flights == null) {
      flights = StatisticsBench.loadFlights(context, datasets);
    }
    measureStatistics(run, context, "Statistics, avg delay per day per origin, 20k flights", flights.path(), flights.id(),
        flights.rows());
    measureStatistics(run, context, "Statistics, avg delay per day per key, 200k rows", storage.lastCollectionPath(),
        storage.lastCollectionId(), context.workload.size());
  }

  private void measureStatistics(int run, BenchContext context, String name, String path, java.util.UUID id, int rows)
      throws Exception {
    context.awaitServersQuiet();
    context.meter.start();
    StatisticsBench.Result result = StatisticsBench.run(context, path, id);
    ProcessMeter.Usage usage = context.meter.stop();
    report.add(new Report.Row(run, name, result.cenotooSeconds(), result.rawSeconds(), "s", Report.Better.LOWER,
        "driver, read every row and average here", Report.format("%,d rows, %,d groups, median of %d", rows,
        result.groups(), StatisticsBench.REPEATS), usage));
    if (rows > 100_000) {
      report.verdict(run, "Statistics faster than a raw read of the same rows (200k rows)",
          Report.format("%.2f s vs %.2f s", result.cenotooSeconds(), result.rawSeconds()),
          result.cenotooSeconds() < result.rawSeconds());
    }
  }

  private void micro() throws Exception {
    System.out.println("JMH micro-benchmarks");
    var options = new OptionsBuilder()
        .include(MicroBenchmarks.class.getName())
        .forks(1)
        .warmupIterations(2).warmupTime(TimeValue.seconds(1))
        .measurementIterations(3).measurementTime(TimeValue.seconds(1))
        .build();
    for (RunResult result : new Runner(options).run()) {
      var primary = result.getPrimaryResult();
      report.micro(Report.format("| %s | %,.0f ± %,.0f %s |", result.getParams().getBenchmark().replace(
          MicroBenchmarks.class.getName() + ".", ""), primary.getScore(), primary.getScoreError(), primary.getScoreUnit()));
    }
  }

  /** A Cenotoo measurement with the node's resource use during it. */
  private record Measured(ClosedLoop.Result result, ProcessMeter.Usage usage) {
  }

  private interface Load {
    ClosedLoop.Result run() throws InterruptedException;
  }

  private static Measured measure(BenchContext context, Load load) throws InterruptedException {
    context.meter.start();
    ClosedLoop.Result result = load.run();
    return new Measured(result, context.meter.stop());
  }

  /**
   * Measures an ingest load with the sink paused, as the raw producer's load runs with no consumer,
   * then lets the sink store the backlog before the next measurement.
   */
  private static Measured measureIngest(BenchContext context, Load load) throws Exception {
    context.pauseSink();
    Measured measured;
    try {
      context.awaitServersQuiet();
      measured = measure(context, load);
    } finally {
      context.resumeSink();
    }
    context.awaitSinkCaughtUp(SINK_CATCH_UP);
    return measured;
  }

  /** Runs a raw-client load and measures the benchmark process itself, which runs the raw client. */
  private static Measured measureSelf(BenchContext context, Load load) throws InterruptedException {
    context.awaitServersQuiet();
    ProcessMeter self = new ProcessMeter(ProcessHandle.current().pid());
    self.start();
    ClosedLoop.Result result = load.run();
    return new Measured(result, self.stop());
  }

  private static double cpuMicros(Measured measured, long units) {
    return units == 0 ? Double.NaN : measured.usage().cpuSeconds() * 1e6 / units;
  }

  private static String failures(ClosedLoop.Result cenotoo, ClosedLoop.Result raw) {
    if (cenotoo.failures() == 0 && raw.failures() == 0) {
      return "";
    }
    return Report.format("; failed requests: Cenotoo %d (first: %s), raw %d (first: %s)", cenotoo.failures(),
        cenotoo.firstFailure(), raw.failures(), raw.firstFailure());
  }

  private void describeEnvironment(Path projectDir, StackEndpoints stack, BenchContext context) throws IOException {
    report.environment("Date", ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
    report.environment("Command", "`make bench` (runs=" + runs + ", " + measurement.toSeconds()
        + " s per load measurement, " + reads + " reads per side" + (only.isEmpty() ? "" : ", only " + only) + ")");
    report.environment("Machine", Machine.describe());
    report.environment("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    report.environment("Vert.x", Vertx.class.getPackage().getImplementationVersion() == null
        ? "see pom.xml" : Vertx.class.getPackage().getImplementationVersion());
    report.environment("Cassandra", context.cassandra.execute("SELECT release_version FROM system.local").one()
        .getString(0) + (stack instanceof EmbeddedStack ? " (embedded child JVM)" : " (external)"));
    report.environment("Kafka", (stack instanceof EmbeddedStack ? "broker " + pomProperty(
        projectDir.resolve("embedded/kafka/pom.xml"), "kafka.version") + " (embedded child JVM), " : "external broker, ")
        + "kafka-clients " + AppInfoParser.getVersion());
    report.environment("Data", "flights-200k.json (delay, distance, time) and, for statistics, flights-20k.json "
        + "(date, delay, distance, origin, destination), from the npm package vega-datasets 3.2.1");
  }

  private static String pomProperty(Path pom, String name) throws IOException {
    Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(pom));
    return matcher.find() ? matcher.group(1) : "unknown";
  }
}
