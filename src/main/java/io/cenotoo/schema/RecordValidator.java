package io.cenotoo.schema;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates records against one collection schema and converts them to driver-ready values.
 * Create one per schema and reuse it: the schema is compiled once into a tree of per-field
 * checkers. Instances are immutable and safe to share between threads.
 */
public final class RecordValidator {

  private final CollectionSchema schema;
  private final RecordChecker checker;

  public RecordValidator(CollectionSchema schema) {
    this.schema = schema;
    this.checker = new RecordChecker(schema);
  }

  public CollectionSchema schema() {
    return schema;
  }

  /**
   * Validates each element of a batch, reporting every error of every record. Error fields start
   * with the record's position, such as {@code [3].timestamp} or {@code [1].loc.lat}.
   *
   * @param records values parsed from a JSON array, as JsonObject, Map or anything else
   * @param now the timestamp of records that do not send one, truncated to milliseconds
   */
  public ValidatedBatch validate(List<?> records, Instant now) {
    Instant defaultTimestamp = Timestamps.truncate(now);
    List<RecordResult> results = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      results.add(validate(i, "[" + i + "]", records.get(i), defaultTimestamp));
    }
    return new ValidatedBatch(results);
  }

  /** Validates the elements of a JSON array, like {@link #validate(List, Instant)}. */
  public ValidatedBatch validate(JsonArray records, Instant now) {
    return validate(records.getList(), now);
  }

  /**
   * Validates a single record. Error fields are plain paths such as {@code loc.lat}, and the
   * field of a non-object record is empty.
   */
  public RecordResult validateOne(Object record, Instant now) {
    return validate(0, "", record, Timestamps.truncate(now));
  }

  private RecordResult validate(int index, String prefix, Object record, Instant defaultTimestamp) {
    Problems problems = new Problems(prefix);
    JsonObject object = JsonValues.asObject(record);
    if (object == null) {
      problems.add("", "Record must be a JSON object; got " + JsonValues.describe(record) + ".");
      return new RecordResult(index, null, problems.list());
    }
    RecordChecker.Result result = checker.check(object.getMap(), problems);
    if (!problems.isEmpty()) {
      return new RecordResult(index, null, problems.list());
    }
    String key = result.key() == null ? NormalizedRecord.DEFAULT_KEY : result.key();
    Instant timestamp = result.timestamp() == null ? defaultTimestamp : result.timestamp();
    NormalizedRecord normalized = new NormalizedRecord(schema, key, timestamp, result.values());
    return new RecordResult(index, normalized, List.of());
  }
}
