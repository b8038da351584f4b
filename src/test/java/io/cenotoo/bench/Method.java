package io.cenotoo.bench;

/** The method section of {@code docs/benchmarks.md}. */
final class Method {

  private Method() {
  }

  static final String TEXT = """
      ## Method

      `make bench` compiles the test sources and runs `io.cenotoo.bench.BenchMain`. It starts the
      embedded Cassandra and Kafka as child JVMs, or uses the servers in `CASSANDRA_CONTACT_POINTS`
      and `KAFKA_BROKERS`. It then starts two Cenotoo processes: a node with the api, ingest,
      query, stats and admin roles (production defaults for HTTP verticles and the API-key cache)
      and a sink node, as a scaled-out deployment separates them. Each runs with the image's JVM
      options (`conf/jvm.options`), `-Xmx384m` and the node's own logging configuration. Runs
      before 5 December 2026 gave them the test classpath's logging configuration, which writes
      the access log on the event loop instead of on a background thread. The benchmark measures every
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
        benchmark waits until it has caught up before the next measurement. Before the first run
        the node gets 15 s each of batch (c=16) and single-record ingest. Then come rounds of batch
        c=4, batch c=16 and single-record c=16, 1 s each. They end when the node's JIT compiler
        threads use under 5% of a core for two rounds in a row, or after 30 rounds. While its one C2 compiler thread is
        behind, HotSpot compiles new hot methods with C1 without a full profile and moves them on
        to C2 only as the queue drains. In one run the compiler threads used 6–26% of a core in
        each of the first 24 rounds and under 1% from the 25th. Without the rounds the node spent
        23–25 µs of CPU per record in the first run's c=4 (three runs), with them 7 µs, against
        5–6 µs in the second run.
      - **Single-record ingest**: the same with one record per request (and per raw send).
      - **Storage**: the benchmark waits until the sink's group has a new collection's topic
        assigned, because a pattern subscription sees a new topic only at its next metadata refresh
        (every 2 s) and a rebalance follows. It waits one second more, because the consumer adds
        a newly assigned partition to its fetches only after it looked up the partition's start
        offset and the long poll in flight (500 ms) returned. It then pauses the sink process and
        publishes the 200,000 records to the topic in the form the ingest owner writes. The clock starts when the
        sink resumes and stops when its committed offset reaches the end of the topic, checked every
        20 ms with one offset fetch for that topic alone. Checking every collection topic took four
        admin requests each time, about a fifth of a core in the benchmark process alone, which the
        sink was then missing. So the number covers the way from Kafka into Cassandra, as the raw writes start with
        their rows in memory on an existing table. The sink commits a poll only after its
        writes and those of every earlier poll succeeded, and a count per partition afterwards checks
        that every row is stored. Raw: the same rows into an equivalent table with the DataStax driver
        4 and 64 statements in flight, as single prepared inserts and as unlogged batches of up to 20
        rows of one partition. The raw writes skip the sink's partition-index inserts (one per
        partition, which the sink then remembers). Before the first storage measurement each side
        writes the first 50,000 records once, unmeasured, so that the first measured side does not
        pay for compiling its writer's code. After both sides the raw batches run once more, paced
        to the rate the sink reached, and the notes give Cassandra's CPU per row during that pass.
      - **Reads**: `get_data?key=…&start_time=…&end_time=…&limit=100` for one key and one UTC day,
        one request at a time, against the driver's `SELECT … WHERE key = ? AND day = ? AND timestamp
        >= ? AND timestamp <= ? LIMIT 100` on the same table. Blocks of 250 requests alternate, after
        unrecorded blocks of 1,000 requests on each side until the node's p50 stops falling and its
        JIT compiler threads use under 2% of a core, two blocks in a row (at least 4,000 requests, at
        most 30,000). The JIT keeps compiling the read path for thousands of requests: in one run
        the p50 rule alone stopped at 11,000 requests, while compiling still took 16–32% of a core,
        and compiling ended at about 16,000. The node's p50 fell from about 0.95 ms to 0.80 ms meanwhile.
      - **Statistics**: `statistics` with `avg` of `delay` per day, median of three. It groups by
        origin over the flights-20k collection (loaded once through send_data) and by key over the
        storage collection's 200,000 rows. Raw: a driver read of every row of the same table, averaged
        in the benchmark process.
      - **Resources**: the measured process's peak RSS (largest `VmRSS` sampled every 50 ms) and CPU
        seconds (`utime` + `stime` of `/proc/<pid>/stat`) during each Cenotoo measurement: the sink
        process for storage, the node for everything else. "CPU µs per unit" divides that CPU time by
        the records (or requests) acknowledged, next to the same figure for the benchmark process
        while it ran the raw client. It changes less with the machine's load than throughput does.
        Neither figure includes the servers' work. The storage rows' notes add the embedded
        Cassandra's CPU per row during each side's clocked time.
      - **Quiet servers**: before each measurement the benchmark waits until the embedded Cassandra
        and Kafka together use less than 0.15 of a core, averaged over 250 ms, for at most 60 s.
        So no measurement shares the cores with flushes and compactions that an earlier one left.
      - **Micro-benchmarks**: JMH 1.37, one fork, 2 × 1 s warm-up and 3 × 1 s measurement:
        `RecordValidator.validate` on one parsed 100-record batch,
        `NormalizedRecord.encode` on one record, a whole 100-record body from bytes to Kafka
        values through `BatchEncoder` and through the parse, validate and encode path it
        replaced (ingest), and on one record's Kafka value `RecordDecoder.decode` (sink) and the
        JsonObject path it replaced.

      ## Where the gaps come from

      Profiled with JFR (`jcmd <pid> JFR.start settings=profile`) on the node and the sink process
      during `make bench` in December 2026, on this 2-core machine.

      - **Batch ingest.** At c=4 and c=16 the node reaches 0.6–0.9 of the raw producer. At c=64 the
        raw producer keeps 6,400 records in flight in the benchmark process and spends about 0.6 µs
        of CPU per record. So it reached 1.2–2.1 million records/s in this month's runs once the
        benchmark waited for quiet servers (1.4 million on this page), and 0.9–1.8 million before.
        The node spent 3.5–4 µs per record at c=64 before the fast double parsing and the longer
        warm-up, and 2.9–3.8 µs in the two full runs since (3.5–3.8 µs on this page). It shares the two cores with the
        broker and the load generator, so throughput follows that CPU cost. Per-thread CPU from `/proc/<pid>/task` over one c=64
        measurement of a `-Dbench.only=batch` run splits it into about 2.1 µs on the event loops
        (HTTP, the event-bus hops and the body's validation and encoding), 0.9 µs in the
        producer's `send` on a worker thread, 0.25 µs on the producer's network thread, 0.5 µs of
        JIT compilation still running after the 15 s warm-up (before the warm-up rounds), and
        0.1 µs of GC. In JFR samples of the event loops, about half were `BatchEncoder`'s single
        pass over the body. In a profile of that pass (JMH), `Double.parseDouble` and
        `Double.toString` on the flights' 17-digit times took about 40%. The Kafka values are now parsed and written with Jackson's
        fast double parser and writer, and JMH gives 12,400 instead of 9,800 bodies/s. Already
        done: valid bodies are validated and encoded in that one streaming pass, the ingest owner
        sends a request's records in one producer task, and it takes record-id and request-id
        randomness from per-thread generators instead of the shared SecureRandom. The access log is
        written on a background thread. What remains is spread out. In an async-profiler profile
        of the node over c=16 and c=64, taken before the fast double parsing and the longer
        warm-up, the event loops took 52% of its CPU and the producer's
        `send` on worker threads 23%. LZ4 compression alone took 4% and Kafka's record-size
        estimates of the two collection headers 5%. The JIT compiler took 14%, and the producer's
        network thread 6%. A later JFR profile at c=64 showed that one event loop, which ran the
        only ingest owner next to an HTTP verticle, took 2.7 times the samples of the other
        loop, and all of the body's validation and encoding. So one loop bounded the node. An ingest
        owner now runs on every event loop, next to the HTTP verticle that received the request,
        as the query owners do. In `-Dbench.only=batch,single` runs the node then took
        424,000–445,000 records/s at c=64 (0.51–0.52 of the raw producer) against
        351,000–416,000 (0.42–0.49) in four runs of the same kind before. The full run published
        then gave 378,000–387,000 (0.47–0.48), at 3.5–3.7 µs of node CPU per record against
        3.2 µs in those runs. So the spread helps when one loop is the limit, and not when the
        two cores are. A JFR profile at c=64 after that still put a third of the event loops'
        samples in `BatchEncoder` and 7% in regular expressions. Vert.x tries a router's routes in
        turn, path pattern first, and send_data came after a dozen other patterns. The encoder now
        writes field names, the default timestamp and record ids as prepared bytes (JMH 14,000
        instead of 12,400 bodies/s), and a second router with only the send_data and get_data
        paths serves those. Two runs of `-Dbench.only=batch,single` then gave 423,000 and 479,000
        records/s at c=64 (0.49 and 0.54) at 2.8–3.0 µs per record. A full run at 04:12 UTC on
        6 December gave 445,000 and 510,000 (0.53 and 0.57) at 2.7–2.9 µs. The full run on this
        page, the first with a 2 GiB heap for the embedded Cassandra, gave 429,000 and 387,000
        (0.51 and 0.47) at 3.0–3.4 µs. So the ratio at c=64 now lies around 0.5, above it in four
        of six runs.
      - **Single-record ingest.** The fixed cost per request (HTTP, API-key cache, two event-bus
        hops, one worker task) is 70–180 µs of node CPU against 5–30 µs for one raw send; p99
        stays under 20 ms at c=16. With an ingest owner on every loop the request no longer waits
        for another loop to wake up, and c=16 went from 2,161–2,166 to 2,298–2,341 requests/s.
        Without the dozen failed path patterns per request it took 2,403–2,603 in the full run at
        04:12 UTC and the batch-and-single runs, and 2,268–2,342 on this page.
      - **Storage.** The sink stores about twice as fast as single prepared inserts but reaches only
        0.34–0.65 of unlogged batches written straight from the driver. It keeps polling while up to
        four earlier polls are written and inserts each partition-index row once. It decodes each
        Kafka value in one streaming Jackson pass into the column values, which JMH puts at 2.3
        times the old decoding through a JsonObject. It binds them by position with codecs looked up
        once per prepared insert and reads records as byte arrays. Its driver session runs on its own event
        loop. Together this cut its CPU per stored row from 6.6–8.6 µs to 4.6–5.1 µs in quiet runs. What remains
        is work the raw client does not do: in the sink's profile the Kafka consumer thread
        (fetching and parsing record batches in kafka-clients 3.7.1) took 25–32% of the samples and
        the driver's request handling about 18%. Cassandra, the largest CPU user, shares the two
        cores with the sink and the broker. The notes show Cassandra's CPU per row within each
        side's clock: 7–10 µs for the raw batches and 10–25 µs while the sink writes. Mostly that is
        the sink's rate, not its statements. Cassandra used 0.7–1.5 cores while it was written to,
        whatever the rate: the same raw batches paced to 30,000 rows/s cost it 25–42 µs per row,
        against 9–16 µs at 84,000–150,000 rows/s. Per-thread CPU of such a paced run shows two
        causes. Cassandra's compiler threads used 0.1–0.6 of a core in every pass. Its JIT
        deoptimized on type checks in write, flush and compaction code, so it most likely
        recompiles whenever the kind of work it does changes. And its request stages spent two to
        four times as much per row at the lower rate. So a writer slower than the raw batches also
        pays for Cassandra's share of the cores, which leaves less for the sink and the broker, and
        on two cores the gap feeds on itself. The paced pass in the notes measures this in every
        run. In seven of the eight runs measured this way, the paced batches cost Cassandra as
        much per row as the sink, within 6%, or more (11.5–15.3 µs against 11.6–15.6 µs). In the
        other, the sink side cost 25.1 µs against 15.6 µs, which is not explained.
        Two changes gave 68,000–106,000 rows/s against 67,000–84,000 in the
        same kind of run, within the noise, so neither was kept: decoding each poll on a worker
        thread, and the driver's own I/O threads instead of the sink's event loop. The sink's
        event loop still held each poll of 2,000 records for 6–8 ms (57 ms at most) to read the
        headers, decode, bind and group the rows, and Cassandra's responses waited meanwhile.
        All of that now runs on worker threads, and the loop only submits the statements. In
        five storage runs next to the old code the sink stored 43,000–126,000 rows/s against
        36,000–106,000, more in four of them and 12% more in total. That is within the noise of
        one run, but all in one direction.
        Two delays outside the writes cost the sink about a fifth of its clock. The Vert.x
        consumer runs a commit on its polling thread after the poll queued before it, so the
        last commit waited for a 200 ms poll that found no more records. While polls are written
        or wait for their commit, the sink now polls with a 10 ms timeout, and the last commit
        took 7–15 ms instead of 184 ms. And the clock started before the sink fetched from the
        new topic at all, which the wait after the assignment now excludes. Collection topics
        have three partitions by default. The consumer fetches a partition again only once the
        sink polled all its buffered records, and with three partitions one partition's fetch
        runs while the sink polls the others. In storage and ingest runs one after the other,
        the sink stored 78,000–89,000 rows/s with three partitions and 76,000–84,000 with one.
        The node took 376,000–392,000 records/s at c=64 with three and 277,000–357,000 with one,
        while the raw producer fell from 1.39–1.83 M to 0.78–0.86 M records/s. So most of the
        rise in the c=64 ratio comes from the raw side.
      - **Reads.** In this month's runs get_data took 0.81–1.20 ms at p50 against 0.38–0.58 ms for
        the raw query, and 1.4–6.1 ms at p99 against 0.7–2.7 ms. A keyed read over a few days
        queries its partitions directly instead of the partition index first. Parameters are read without vertx-openapi's per-parameter
        schema validators. The page is written with one generator pass from the driver's rows
        into the reply buffer. Cells are decoded by position with the codec of their type, and
        timestamps, dates and UUIDs are formatted into one reusable character buffer, so a record
        costs no map and no String per value. The reply reaches the HTTP side uncopied through its
        own event-bus codec. A 100-row flights page now allocates 26 KB instead of 184 KB while it
        is encoded. Next to the HTTP verticles a query owner runs on every event loop, with its
        own driver session on that loop, and the HTTP side sends each read to the owner on its own
        loop. A read then runs on one thread from the request to the response. A latency probe in
        the node put the node's share at 0.74–0.79 ms at p50, of which Cassandra took about 0.47
        ms and the two event-bus hand-offs to the one query owner 46 and 34 µs. With an owner on
        every loop they took 13 and 7 µs, and the node's share 0.70–0.72 ms. In reads-only runs
        side by side the node's p50 was 0.86–0.88 ms against 0.92–0.97 ms before. The rest of
        the node's share is the security chain, routing and writing the response. In side-by-side
        runs, turning off Vert.x's metrics, its event-bus metrics alone, or the access log changed
        the node's CPU per read by under 5%. HTTP on the client side adds about 0.2 ms that the raw
        query does not pay. The p99 gap is inside the node: in one run the access log's own p99 was
        4.2 ms against 5.0 ms at the client, and the slow requests came in clusters lasting tens to
        hundreds of milliseconds. The node allocates about 145 KB per read, mostly the driver's
        copy of every cell and the reply.
      - **Heap.** Without `conf/jvm.options` (runs before 5 December 2026), G1 shrank each node's
        384 MiB heap to 67 MiB at the concurrent marking cycle that class loading starts during
        start-up, and never grew it back. With about 28 MiB of live data, reads then ran with a
        young collection every 0.3–0.6 s and, in most runs, a marking cycle after every second or
        third. Three side-by-side runs compared nodes with and without the options on the same
        servers, alternating blocks of 250 reads after 20,000 warm-up reads each. The node used
        407–505 µs of CPU per read with the small heap against 295–367 µs with the whole heap, and
        p99 was 2.7–4.3 ms against 2.2–2.6 ms. p50 did not change. The whole heap's young
        collections take 4–17 ms, once every 5 s during reads.
      - **Statistics.** Over 200,000 rows in 400 partitions, per-partition pushdown makes statistics
        faster than reading the rows. The 20k flights lie in 6,901 partitions of one to three
        records, where a query per partition took 0.5–1.2 s against 0.06–0.23 s for a raw read of
        every row. Statistics now query the first 250 partitions and then read the whole table once,
        because that costs less than a query for each partition left. In statistics-only runs they
        took 0.70–1.14 s against 0.27–0.32 s raw. The node used 0.7–1.2 s of CPU per request there,
        most of it outside its Java code, since three requests per side leave the JIT compiler
        busy.
      """;
}
