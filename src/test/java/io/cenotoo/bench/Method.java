package io.cenotoo.bench;

/** The method section of {@code docs/benchmarks.md}. */
final class Method {

  private Method() {
  }

  static final String TEXT = """
      ## Method

      `make bench` compiles the test sources and runs `io.cenotoo.bench.BenchMain`. It starts the
      embedded Cassandra and Kafka as child JVMs (or uses the servers in `CASSANDRA_CONTACT_POINTS`
      and `KAFKA_BROKERS`), one Cenotoo node as its own JVM (`-Xmx384m`, every role, production
      defaults for HTTP verticles and the API-key cache), and measures every scenario next to its raw
      client baseline in the same run. The load generator, the raw clients, both servers and the node
      share the machine's cores, so the absolute numbers are lower than on a machine with spare cores
      and the ratios are the numbers to compare. Each run alternates which side goes first.

      Records: the 200,000 flights of `flights-200k.json` (npm package vega-datasets 3.2.1, fields
      delay, distance, time), key `"k" + (i % 100)`, timestamps spread evenly over four UTC days, so
      the stored rows fill 400 partitions of 500 rows.

      - **Batch ingest**: closed loop over HTTP/1.1 keep-alive (Vert.x `WebClient`) with c requests of
        100 records in flight for the measurement time; records/s counts records that Cenotoo
        acknowledged with 200. Raw: the kafka-clients producer with the node's producer settings
        (acks=all, idempotence, lz4, linger 5 ms, 128 KiB batches) sends the same records as JSON to a
        topic with the collection topics' partition and replication counts; one raw request is 100
        sends that complete when all are acknowledged, so both sides have the same records in flight.
        The node's sink stores the records while they arrive, as in production, and the benchmark
        waits until the sink has caught up before the next measurement.
      - **Single-record ingest**: the same with one record per request (and per raw send).
      - **Storage**: the benchmark publishes the 200,000 records straight to a new collection's topic
        in the form the ingest owner writes, then measures until the sink's committed offset reaches
        the end of the topic. The sink commits only after every write of a poll succeeded, and a
        count per partition afterwards checks that every row is stored. Raw: the same rows into an
        equivalent table with the DataStax driver 4 and 64 statements in flight, as single prepared
        inserts and as unlogged batches of up to 20 rows of one partition. The raw writes skip the
        sink's partition-index inserts.
      - **Reads**: `get_data?key=…&start_time=…&end_time=…&limit=100` for one key and one UTC day,
        one request at a time, against the driver's `SELECT … WHERE key = ? AND day = ? AND timestamp
        >= ? AND timestamp <= ? LIMIT 100` on the same table. Blocks of 250 requests alternate, after
        250 unrecorded requests on each side while the JIT compiles the read path.
      - **Statistics**: a slot that runs only when the node's contract has a `statistics` operation.
      - **Resources**: the node's peak RSS (largest `VmRSS` sampled every 50 ms) and CPU seconds
        (`utime` + `stime` of `/proc/<pid>/stat`) during each Cenotoo measurement. "CPU µs per unit"
        divides that CPU time by the records (or requests) acknowledged, next to the same figure for
        the benchmark process while it ran the raw client. It changes less with the machine's load
        than throughput does. The node's figure includes its sink storing the records it ingested
        and the raw client's figure includes no server work.
      - **Micro-benchmarks**: JMH 1.37, one fork, 2 × 1 s warm-up and 3 × 1 s measurement:
        `RecordValidator.validate` on one parsed 100-record batch,
        `NormalizedRecord.toJson().toBuffer()` on one record (ingest) and `NormalizedRecord.fromJson`
        on one record (sink).
      """;
}
