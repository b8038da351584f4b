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
        1,500 unrecorded requests on each side while the JIT compiles the read path.
      - **Statistics**: `statistics` with `avg` of `delay` per day, grouped by origin over the
        flights-20k collection (loaded once through send_data) and by key over the storage
        collection's 200,000 rows, median of three, against a raw driver read of every row of the
        same table that averages in the benchmark process.
      - **Resources**: the measured process's peak RSS (largest `VmRSS` sampled every 50 ms) and CPU
        seconds (`utime` + `stime` of `/proc/<pid>/stat`) during each Cenotoo measurement: the sink
        process for storage, the node for everything else. "CPU µs per unit" divides that CPU time by
        the records (or requests) acknowledged, next to the same figure for the benchmark process
        while it ran the raw client. It changes less with the machine's load than throughput does.
        Neither figure includes the servers' work.
      - **Micro-benchmarks**: JMH 1.37, one fork, 2 × 1 s warm-up and 3 × 1 s measurement:
        `RecordValidator.validate` on one parsed 100-record batch,
        `NormalizedRecord.encode` on one record (ingest) and `NormalizedRecord.fromJson`
        on one record (sink).

      ## Where the gaps come from

      Profiled with JFR (`jcmd <pid> JFR.start settings=profile`) on the node during `make bench` in
      December 2026, on a 2-core machine that other test suites were also using.

      - **Batch ingest.** The raw client spends about 1 µs of CPU per record. The node spends several
        times more, and its figure includes its own sink storing the same records into Cassandra at
        the same time, which the raw producer run does not have. Per request the node parses HTTP,
        hands the body to the ingest owner over the event bus, parses and validates the JSON (about
        1 µs per record in the micro-benchmark), encodes each record and hands the batch to the
        producer. Until this benchmark, Vert.x's `KafkaProducer.send` moved every record to a worker
        thread and every acknowledgement back to the event loop. The ingest owner now sends a whole
        request in one worker task with the native producer. On a machine this busy, each remaining
        thread hand-off also waits for a core, so throughput follows the node's share of the CPU.
      - **Single-record ingest.** The fixed cost per request (HTTP, API-key cache, two event-bus
        hops, one worker task, one access-log line) is a few hundred µs of node CPU against tens of
        µs for one raw send. At moderate concurrency p99 stays near the 20 ms target only on a quiet
        machine.
      - **Storage.** The sink keeps up with single prepared inserts but not with unlogged batches
        written straight from the driver. In the profile, most of the sink's event-loop time went to
        decoding each Kafka value (JSON parse and `NormalizedRecord.fromJson`) and to the Vert.x
        Cassandra client, which completes every statement back on the event loop. The sink used to
        write and commit one poll before it polled again, so Cassandra waited between polls. Raising
        `max.poll.records` from 2,000 to 10,000 in that design gave no gain beyond the noise of one run
        and was not kept. The sink now polls while up to four earlier polls are written, commits at
        most every 500 ms while it has polls to write, fetches up to 8 MiB per partition, and inserts
        each partition-index row once. In a check of this scenario alone on the same machine, the sink
        went from 20,000–25,000 to 31,000–46,000 rows/s (three or four runs each). The machine had no
        idle CPU while it ran, because the node (about 12 µs of CPU per row), the broker and Cassandra
        share two cores. Decoding costs about 1.3 µs per record, so moving it off the event loop would
        not lower that total and was not done.
      - **Reads.** get_data runs two queries one after the other (the partition index, then the
        partition) where the raw query runs one, and the index query returns every key of the day,
        which the reader filters in Java. vertx-openapi 5.0.7 validates each query parameter with a
        new schema validator (`SchemaRepositoryImpl.validator` copies its schema map every time),
        about a quarter of the HTTP and query event loop's samples. The local event bus also copies
        the 100-record reply (`JsonObjectMessageCodec.transform`). The reader used to fetch a
        500-row driver page for a 100-record page and now fetches only the rows it needs plus one.
      """;
}
