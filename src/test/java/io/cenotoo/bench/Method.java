package io.cenotoo.bench;

/** The method section of {@code docs/benchmarks.md}. */
final class Method {

  private Method() {
  }

  static final String TEXT = """
      ## Method

      `make bench` compiles the test sources and runs `io.cenotoo.bench.BenchMain`. It starts the
      embedded Cassandra and Kafka as child JVMs, or uses the servers in `CASSANDRA_CONTACT_POINTS`
      and `KAFKA_BROKERS`. It then starts two Cenotoo processes (`-Xmx384m` each): a node with the
      api, ingest, query, stats and admin roles (production defaults for HTTP verticles and the
      API-key cache) and a sink node, as a scaled-out deployment separates them. It measures every
      scenario next to its raw client baseline in the same run. The load generator, the raw clients,
      both servers and both Cenotoo processes share the machine's cores, so the absolute numbers are
      lower than on a machine with spare cores and the ratios are the numbers to compare. Each run
      alternates which side goes first.

      Records: the 200,000 flights of `flights-200k.json` (npm package vega-datasets 3.2.1, fields
      delay, distance, time), key `"k" + (i % 100)`, timestamps spread evenly over four UTC days, so
      the stored rows fill 400 partitions of 500 rows.

      - **Batch ingest**: closed loop over HTTP/1.1 keep-alive (Vert.x `WebClient`) with c requests of
        100 records in flight for the measurement time; records/s counts records that Cenotoo
        acknowledged with 200. Raw: the kafka-clients producer with the node's producer settings
        (acks=all, idempotence, lz4, linger 5 ms, 128 KiB batches) sends the same records as JSON to a
        topic with the collection topics' partition and replication counts. One raw request is 100
        sends that complete when all are acknowledged, so both sides have the same records in flight.
        The sink process is paused with SIGSTOP during the Cenotoo measurement, because the raw
        producer's measurement has no consumer either; afterwards it stores the backlog and the
        benchmark waits until it has caught up before the next measurement.
      - **Single-record ingest**: the same with one record per request (and per raw send).
      - **Storage**: the benchmark publishes the 200,000 records straight to a new collection's topic
        in the form the ingest owner writes, then measures until the sink's committed offset reaches
        the end of the topic. The clock starts once the sink's group has the new topic's partitions
        assigned (a pattern subscription sees a new topic at its next metadata refresh, every 2 s,
        and a rebalance follows), as raw writes start on an existing table. The sink commits a poll only after its
        writes and those of every earlier poll succeeded, and a count per partition afterwards checks
        that every row is stored. Raw: the same rows into an equivalent table with the DataStax driver
        4 and 64 statements in flight, as single prepared inserts and as unlogged batches of up to 20
        rows of one partition. The raw writes skip the sink's partition-index inserts (one per
        partition, which the sink then remembers).
      - **Reads**: `get_data?key=…&start_time=…&end_time=…&limit=100` for one key and one UTC day,
        one request at a time, against the driver's `SELECT … WHERE key = ? AND day = ? AND timestamp
        >= ? AND timestamp <= ? LIMIT 100` on the same table. Blocks of 250 requests alternate, after
        unrecorded blocks of 1,000 requests on each side until the node's p50 stops falling (at least
        4,000, at most 30,000), because the JIT keeps compiling the read path for thousands of requests.
      - **Statistics**: `statistics` with `avg` of `delay` per day, median of three. It groups by
        origin over the flights-20k collection (loaded once through send_data) and by key over the
        storage collection's 200,000 rows. Raw: a driver read of every row of the same table, averaged
        in the benchmark process.
      - **Resources**: the measured process's peak RSS (largest `VmRSS` sampled every 50 ms) and CPU
        seconds (`utime` + `stime` of `/proc/<pid>/stat`) during each Cenotoo measurement: the sink
        process for storage, the node for everything else. "CPU µs per unit" divides that CPU time by
        the records (or requests) acknowledged, next to the same figure for the benchmark process
        while it ran the raw client. It changes less with the machine's load than throughput does.
        Neither figure includes the servers' work.
      - **Micro-benchmarks**: JMH 1.37, one fork, 2 × 1 s warm-up and 3 × 1 s measurement:
        `RecordValidator.validate` on one parsed 100-record batch,
        `NormalizedRecord.encode` on one record (ingest), and on one record's Kafka value
        `RecordDecoder.decode` (sink) and the JsonObject path it replaced.

      ## Where the gaps come from

      Profiled with JFR (`jcmd <pid> JFR.start settings=profile`) on the node and the sink process
      during `make bench` in December 2026, on this 2-core machine.

      - **Batch ingest.** At c=4 and c=16 the node reaches 0.6–0.8 of the raw producer. At c=64 the
        raw producer keeps 6,400 records in flight in the benchmark process and spends about 0.5 µs
        of CPU per record, so it reaches about 2 million records/s. The node spends 3.5–4.5 µs per
        record at c=64: HTTP, parsing the body into maps, validating every field, encoding each record
        and the producer. It shares the two cores with the broker and the load generator, so
        throughput follows that CPU cost. Closing the gap needs parsing, validation and encoding in
        one streaming pass over the body's bytes. Already done: the ingest owner sends a request's
        records in one producer task, encodes them straight to bytes, and takes record-id and
        request-id randomness from per-thread generators instead of the shared SecureRandom. The
        access log is written on a background thread.
      - **Single-record ingest.** The fixed cost per request (HTTP, API-key cache, two event-bus
        hops, one worker task) is 80–130 µs of node CPU against 5–30 µs for one raw send; p99
        stays under 20 ms at c=16.
      - **Storage.** The sink stores faster than single prepared inserts but reaches only about 0.4
        of unlogged batches written straight from the driver. It now keeps polling while up to four
        earlier polls are written, inserts each partition-index row once, and reads collection
        headers without copies. The remaining gap is CPU per row on a machine where Cassandra is the
        largest consumer. Before it binds the same statements, the sink fetches and decompresses from
        Kafka and decodes each record's JSON. That costs 6–9 µs of CPU per row against 2–3 µs for the
        raw batch client once warm. In the sink's profile, JSON decoding was about a third of its event loop's
        samples and binding and the driver another third.
      - **Reads.** get_data takes 1.0–1.4 ms at p50 against 0.43–0.49 ms for the raw query. A keyed
        read over a few days now queries its partitions directly instead of the partition index
        first. Parameters are read without vertx-openapi's per-parameter schema validators, rows are
        decoded by position and timestamps formatted without DateTimeFormatter. The reply is the
        encoded page, not a JsonObject that the local event bus deep-copies. The remaining cost is
        structural. A request crosses four thread hand-offs that the raw query does not (HTTP event
        loop, query owner's event loop, driver I/O thread, and back). It also pays for HTTP parsing,
        the API-key check and the JSON encoding of 100 records. On two busy cores every hand-off waits for a core. The node's
        JIT compiler threads used more CPU than its event loops during the first thousand reads,
        hence the longer warm-up.
      - **Statistics.** Over 200,000 rows in 400 partitions, per-partition pushdown makes statistics
        faster than reading the rows. Over the 20k flights, whose partitions hold one to three
        records, each partition costs its own queries, so statistics are several times slower than a
        raw read of every row.
      """;
}
