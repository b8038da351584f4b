package io.cenotoo.schema;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks the top level of a record: the declared fields plus the optional {@code key} and
 * {@code timestamp} that the service stores in its own columns.
 */
final class RecordChecker extends GroupChecker {

  // The service fields travel in the values map under names that no column can have.
  private static final String KEY_SLOT = "$key";
  private static final String TIMESTAMP_SLOT = "$timestamp";

  private final int columnCount;

  RecordChecker(CollectionSchema schema) {
    super("", "", 0, schema.fields());
    this.columnCount = schema.columns().size();
  }

  /** The converted values of one record, plus its key and timestamp when the record sent them. */
  record Result(Map<String, Object> values, String key, Instant timestamp) {}

  Result check(Map<String, Object> record, Problems problems) {
    Map<String, Object> values = new HashMap<>(columnCount * 4 / 3 + 3);
    checkMembers(record, values, problems);
    String key = (String) values.remove(KEY_SLOT);
    Instant timestamp = (Instant) values.remove(TIMESTAMP_SLOT);
    return new Result(values, key, timestamp);
  }

  @Override
  boolean checkServiceField(String name, Object value, Map<String, Object> values,
      Problems problems) {
    switch (name) {
      case "key" -> checkKey(value, values, problems);
      case "timestamp" -> checkTimestamp(value, values, problems);
      case "record_id", "day" -> problems.add(name, "Field '" + name + "' is set by the service;"
          + " remove it from the record.");
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void checkKey(Object value, Map<String, Object> values, Problems problems) {
    if (value instanceof String key && !key.isEmpty()
        && key.length() <= NormalizedRecord.MAX_KEY_LENGTH) {
      values.put(KEY_SLOT, key);
      return;
    }
    problems.add("key", "Field 'key' must be a non-empty string of at most "
        + NormalizedRecord.MAX_KEY_LENGTH + " characters; got " + JsonValues.describe(value)
        + ". Leave it out to use the key '" + NormalizedRecord.DEFAULT_KEY + "'.");
  }

  private static void checkTimestamp(Object value, Map<String, Object> values, Problems problems) {
    Object instant = value == null ? ScalarConverter.INVALID : ScalarConverter.TIMESTAMP.convert(value);
    if (instant == ScalarConverter.INVALID) {
      problems.add("timestamp", ScalarConverter.TIMESTAMP.message("timestamp", value)
          + " Leave it out to use the time the service received the record.");
      return;
    }
    values.put(TIMESTAMP_SLOT, instant);
  }
}
