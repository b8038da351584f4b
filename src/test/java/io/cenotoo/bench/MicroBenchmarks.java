package io.cenotoo.bench;

import io.cenotoo.schema.BatchEncoder;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.DecodedRecord;
import io.cenotoo.schema.EncodedBatch;
import io.cenotoo.schema.NormalizedRecord;
import io.cenotoo.schema.RecordDecoder;
import io.cenotoo.schema.RecordValidator;
import io.cenotoo.schema.ValidatedBatch;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH micro-benchmarks of the pure-Java steps on the ingest and sink paths, on 100 records shaped like the
 * flights of the end-to-end benchmark. {@link BenchMain} runs them with short iterations.
 */
@State(Scope.Benchmark)
public class MicroBenchmarks {

  private static final Instant NOW = Instant.parse("2024-01-05T00:00:00Z");
  private static final java.util.UUID RECORD_ID = java.util.UUID.fromString("0190a1b2-0000-7000-8000-000000000001");
  /** One id for every record, so the batch benchmarks measure neither random nor SHA-1 ids. */
  private static final IntFunction<UUID> RECORD_IDS = index -> RECORD_ID;

  private RecordValidator validator;
  private List<Object> batch;
  private NormalizedRecord record;
  private byte[] recordValue;
  private RecordDecoder decoder;
  private CollectionSchema schema;
  private BatchEncoder batchEncoder;
  private Buffer body;

  @Setup
  public void prepare() {
    schema = CollectionSchema.parse(Workload.SCHEMA);
    validator = new RecordValidator(schema);
    JsonArray records = new JsonArray();
    for (int i = 0; i < 100; i++) {
      records.add(new JsonObject().put("key", Workload.key(i)).put("timestamp", NOW.minusSeconds(i * 7L).toString())
          .put("delay", i % 40 - 10).put("distance", 300 + i * 13).put("time", i / 7.0));
    }
    body = records.toBuffer();
    // Parse the text as the ingest owner does, so numbers have the types Jackson gives them.
    batch = toRecords(Json.decodeValue(body));
    record = validator.validate(batch, NOW).requireValid().get(0);
    recordValue = record.encode(RECORD_ID);
    decoder = new RecordDecoder(schema);
    batchEncoder = new BatchEncoder(schema);
    // A declined body would time the streaming pass's early exit instead of its work.
    if (batchEncoder.encode(body.getBytes(), NOW, RECORD_IDS) == null) {
      throw new IllegalStateException("BatchEncoder declined the benchmark body; check it against the schema");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> toRecords(Object parsed) {
    List<Object> result = new ArrayList<>();
    for (Object element : ((JsonArray) parsed).getList()) {
      result.add(element instanceof Map<?, ?> map ? new JsonObject((Map<String, Object>) map) : element);
    }
    return result;
  }

  /** Validates one 100-record request body that is already parsed. */
  @Benchmark
  public ValidatedBatch validateBatch() {
    return validator.validate(batch, NOW);
  }

  /**
   * Validates and encodes one 100-record request body in one streaming pass from its bytes, as the
   * ingest owner does for valid bodies. It includes copying the body out of its buffer.
   */
  @Benchmark
  public EncodedBatch encodeBatchStreaming() {
    return batchEncoder.encode(body.getBytes(), NOW, RECORD_IDS);
  }

  /**
   * Parses, validates and encodes the same body through a tree of maps, the ingest owner's path
   * for the bodies that the streaming pass declines.
   */
  @Benchmark
  public EncodedBatch encodeBatchTree() {
    List<Object> records = toRecords(Json.decodeValue(body));
    return EncodedBatch.of(validator.validate(records, NOW).requireValid(), RECORD_IDS);
  }

  /** Encodes one validated record as the JSON bytes sent to Kafka. */
  @Benchmark
  public byte[] encodeRecord() {
    return record.encode(RECORD_ID);
  }

  /** Decodes one record's Kafka value in one streaming pass, as the sink does for every row it stores. */
  @Benchmark
  public DecodedRecord decodeRecord() {
    return decoder.decode(recordValue);
  }

  /** Decodes one record's Kafka value through a JsonObject, the path that the streaming pass replaced. */
  @Benchmark
  public DecodedRecord decodeRecordTree() {
    JsonObject json = Buffer.buffer(recordValue).toJsonObject();
    return DecodedRecord.of(NormalizedRecord.fromJson(json, schema), UUID.fromString(json.getString("record_id")));
  }
}
