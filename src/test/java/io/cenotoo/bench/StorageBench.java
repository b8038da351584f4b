package io.cenotoo.bench;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.cenotoo.config.Setting;
import io.cenotoo.kafka.KafkaSettings;
import io.cenotoo.kafka.Topics;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.Column;
import io.cenotoo.schema.NormalizedRecord;
import io.cenotoo.schema.RecordValidator;
import io.cenotoo.storage.DataTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka to Cassandra by the node's sink against raw driver writes of the same rows.
 *
 * <p>For the sink, the benchmark publishes all records straight to the collection's topic in the
 * form the ingest owner writes (canonical JSON plus {@code record_id}, with the project and
 * collection headers), so HTTP is not part of this number. The sink process is paused while they
 * are published, so the measurement covers only the way from Kafka into Cassandra, as the raw
 * writes start with their rows in memory. The clock runs from the sink's resumption until its
 * committed offset reaches the topic's end: the sink commits a poll only after its writes and those
 * of every earlier poll succeeded, so at that point every record is readable. A count per
 * partition then checks that every row is really there.
 *
 * <p>The raw baselines write the same rows into an equivalent table (same DDL) in the keyspace
 * {@link #RAW_KEYSPACE} with the DataStax driver 4, 64 statements in flight like the sink: once as
 * single prepared inserts, once as unlogged batches of up to 20 rows of one partition. They skip
 * the sink's partition-index insert (one per partition, which the sink then remembers). The batches
 * can also be paced to a given rate, to show what Cassandra's CPU per row is at the sink's rate.
 */
final class StorageBench implements AutoCloseable {

  static final String RAW_KEYSPACE = "cenotoo_bench";
  private static final int IN_FLIGHT = 64;
  private static final int ROWS_PER_BATCH = 20;
  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);

  private final BenchContext context;
  private final CollectionSchema schema = CollectionSchema.parse(Workload.SCHEMA);
  private final List<NormalizedRecord> records;
  private final List<UUID> recordIds;
  private final KafkaProducer<String, byte[]> producer;
  private final List<String> rawTables = new ArrayList<>();

  /** The collection that the last sink run filled, for the read scenario. */
  private String lastCollectionPath;
  private UUID lastCollectionId;

  StorageBench(BenchContext context) {
    this.context = context;
    RecordValidator validator = new RecordValidator(schema);
    List<Object> input = new ArrayList<>();
    for (int i = 0; i < context.workload.size(); i++) {
      input.add(context.workload.record(i));
    }
    this.records = validator.validate(input, Instant.now()).requireValid();
    this.recordIds = records.stream().map(r -> UUID.randomUUID()).toList();

    Map<String, Object> props = new HashMap<>(KafkaSettings.producer(context.kafkaConfig));
    props.put("key.serializer", StringSerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(props);

    ddl("CREATE KEYSPACE IF NOT EXISTS " + RAW_KEYSPACE
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  }

  String lastCollectionPath() {
    return lastCollectionPath;
  }

  UUID lastCollectionId() {
    return lastCollectionId;
  }

  /** Sends the records with these values to the topic with the collection headers and waits until the broker has them all. */
  private void publish(String topic, List<byte[]> values, byte[] projectHeader, byte[] collectionHeader) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    for (int i = 0; i < values.size(); i++) {
      ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, records.get(i).key(), values.get(i));
      record.headers().add(Topics.HEADER_PROJECT_ID, projectHeader).add(Topics.HEADER_COLLECTION_ID, collectionHeader);
      producer.send(record, (metadata, error) -> {
        if (error != null) {
          failure.compareAndSet(null, error);
        }
      });
    }
    producer.flush();
    if (failure.get() != null) {
      throw new IllegalStateException("Publishing the storage records failed", failure.get());
    }
  }

  /**
   * Rows per second of one storage measurement and the CPU seconds that the embedded Cassandra
   * used while it ran (NaN for an external Cassandra).
   */
  record Result(double rowsPerSecond, double cassandraSeconds) {
  }

  /** Publishes the first {@code rows} records to a new collection's topic and measures the sink storing them. */
  Result sink(int rows) throws IOException, InterruptedException, ExecutionException {
    String path = context.createCollection("bench_storage_" + System.nanoTime());
    UUID collectionId = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
    String topic = Topics.forCollection(collectionId);
    byte[] projectHeader = context.projectId.getBytes(StandardCharsets.UTF_8);
    byte[] collectionHeader = collectionId.toString().getBytes(StandardCharsets.UTF_8);
    List<byte[]> values = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      values.add(records.get(i).toJson().put("record_id", recordIds.get(i).toString()).toBuffer().getBytes());
    }

    context.awaitSinkAssigned(topic, Duration.ofMinutes(1));
    context.pauseSink();
    Map<TopicPartition, Long> ends;
    try {
      publish(topic, values, projectHeader, collectionHeader);
      ends = context.endOffsets(topic);
      context.awaitServersQuiet();
    } catch (Exception e) {
      context.resumeSink();
      throw e;
    }
    long start = System.nanoTime();
    double cassandraAtStart = context.cassandraCpuSeconds();
    context.resumeSink();
    context.awaitSinkCommitted(ends, Duration.ofMinutes(5));
    double seconds = (System.nanoTime() - start) / 1e9;
    double cassandraSeconds = context.cassandraCpuSeconds() - cassandraAtStart;

    String table = DataTables.qualified(context.kafkaConfig.get(Setting.CASSANDRA_DATA_KEYSPACE), collectionId);
    long stored = countRows(table);
    if (stored != rows) {
      throw new IllegalStateException("The sink stored " + stored + " of " + rows + " rows in " + table);
    }
    lastCollectionPath = path;
    lastCollectionId = collectionId;
    return new Result(rows / seconds, cassandraSeconds);
  }

  /** Writes the first {@code rows} rows as single prepared inserts. */
  Result rawInserts(int rows) throws InterruptedException {
    PreparedStatement insert = newRawTable();
    List<Statement<?>> statements = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      statements.add(bind(insert, i));
    }
    return execute(statements, rows, 0);
  }

  /**
   * Writes the first {@code rows} rows in unlogged batches of up to 20 rows of one partition, as
   * fast as 64 statements in flight allow, or at about {@code rowsPerSecond} when it is positive.
   */
  Result rawBatches(int rows, double rowsPerSecond) throws InterruptedException {
    PreparedStatement insert = newRawTable();
    // The sink groups the records of one poll (up to max.poll.records consecutive records) by
    // partition, so the raw rows are grouped per the same number of records.
    int pollSize = Integer.parseInt(KafkaSettings.consumer(context.kafkaConfig).get("max.poll.records"));
    List<Statement<?>> statements = new ArrayList<>();
    for (int from = 0; from < rows; from += pollSize) {
      Map<String, List<BoundStatement>> poll = new LinkedHashMap<>();
      for (int i = from; i < Math.min(from + pollSize, rows); i++) {
        NormalizedRecord record = records.get(i);
        poll.computeIfAbsent(record.key() + "/" + day(record), p -> new ArrayList<>()).add(bind(insert, i));
      }
      poll.values().forEach(partition -> {
        for (int start = 0; start < partition.size(); start += ROWS_PER_BATCH) {
          BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
          partition.subList(start, Math.min(start + ROWS_PER_BATCH, partition.size())).forEach(batch::addStatement);
          statements.add(batch.build());
        }
      });
    }
    return execute(statements, rows, rowsPerSecond);
  }

  private PreparedStatement newRawTable() {
    UUID tableId = UUID.randomUUID();
    ddl(DataTables.createTable(RAW_KEYSPACE, tableId, schema));
    rawTables.add(DataTables.dropTable(RAW_KEYSPACE, tableId));
    return context.cassandra.prepare(DataTables.insert(RAW_KEYSPACE, tableId, schema));
  }

  /** Runs a schema change, with a longer timeout than the session's because schema changes are slow. */
  private void ddl(String cql) {
    context.cassandra.execute(SimpleStatement.newInstance(cql).setTimeout(DDL_TIMEOUT));
  }

  private BoundStatement bind(PreparedStatement insert, int i) {
    NormalizedRecord record = records.get(i);
    BoundStatementBuilder builder = insert.boundStatementBuilder()
        .setString(0, record.key())
        .setLocalDate(1, day(record))
        .setInstant(2, record.timestamp())
        .setUuid(3, recordIds.get(i));
    List<Column> columns = schema.columns();
    for (int c = 0; c < columns.size(); c++) {
      Object value = record.value(columns.get(c).name());
      if (value instanceof Long number) {
        builder = builder.setLong(c + 4, number);
      } else if (value instanceof Double number) {
        builder = builder.setDouble(c + 4, number);
      } else if (value != null) {
        throw new IllegalStateException("Unexpected value type " + value.getClass() + " in column " + columns.get(c).name());
      }
    }
    return builder.build();
  }

  /**
   * Runs the statements, which together write this many rows, with at most 64 in flight and, when
   * {@code rowsPerSecond} is positive, each started no earlier than its share of that rate allows.
   */
  private Result execute(List<Statement<?>> statements, int rows, double rowsPerSecond) throws InterruptedException {
    Semaphore permits = new Semaphore(IN_FLIGHT);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long intervalNanos = rowsPerSecond > 0 ? (long) (rows / rowsPerSecond * 1e9 / statements.size()) : 0;
    long start = System.nanoTime();
    long due = start;
    double cassandraAtStart = context.cassandraCpuSeconds();
    for (Statement<?> statement : statements) {
      due += intervalNanos;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      permits.acquire();
      if (failure.get() != null) {
        break;
      }
      CompletionStage<?> done = context.cassandra.executeAsync(statement);
      done.whenComplete((result, error) -> {
        if (error != null) {
          failure.compareAndSet(null, error);
        }
        permits.release();
      });
    }
    if (!permits.tryAcquire(IN_FLIGHT, 2, TimeUnit.MINUTES)) {
      throw new IllegalStateException("Raw Cassandra writes did not finish within 2 minutes");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cassandraSeconds = context.cassandraCpuSeconds() - cassandraAtStart;
    if (failure.get() != null) {
      throw new IllegalStateException("A raw Cassandra write failed", failure.get());
    }
    return new Result(rows / seconds, cassandraSeconds);
  }

  /** Counts the rows partition by partition, because a full-table COUNT(*) would time out. */
  private long countRows(String table) {
    PreparedStatement count = context.cassandra.prepare("SELECT COUNT(*) FROM " + table + " WHERE key = ? AND day = ?");
    long total = 0;
    for (int k = 0; k < Workload.KEYS; k++) {
      for (int d = 0; d < Workload.DAYS; d++) {
        LocalDate day = LocalDate.ofInstant(Workload.FIRST_DAY, ZoneOffset.UTC).plusDays(d);
        total += context.cassandra.execute(count.bind("k" + k, day)).one().getLong(0);
      }
    }
    return total;
  }

  private static LocalDate day(NormalizedRecord record) {
    return LocalDate.ofInstant(record.timestamp(), ZoneOffset.UTC);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
    for (String drop : rawTables) {
      try {
        ddl(drop);
      } catch (RuntimeException e) {
        System.err.println("Failed to drop a raw benchmark table (" + drop + "): " + e);
      }
    }
  }
}
