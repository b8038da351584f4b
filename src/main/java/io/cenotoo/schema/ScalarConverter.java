package io.cenotoo.schema;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks one non-null JSON value against a field type and converts it to the Java type the
 * Cassandra driver binds: String, Long, Double, Boolean, LocalDate or Instant.
 */
enum ScalarConverter {
  TEXT("must be a string") {
    @Override
    Object convert(Object value) {
      return value instanceof String ? value : INVALID;
    }
  },

  INT("must be an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE) {
    @Override
    Object convert(Object value) {
      // Only integer literals qualify: Jackson parses 25.0 to a Double and it is rejected too.
      if (value instanceof Long || value instanceof Integer || value instanceof Short
          || value instanceof Byte || value instanceof AtomicLong || value instanceof AtomicInteger) {
        return ((Number) value).longValue();
      }
      if (value instanceof BigInteger big && big.bitLength() < Long.SIZE) {
        return big.longValue();
      }
      return INVALID;
    }
  },

  FLOAT("must be a finite number") {
    @Override
    Object convert(Object value) {
      // Boolean is not a Number, so true is rejected here. Jackson turns 1e400 into Infinity.
      if (value instanceof Number number) {
        double result = number.doubleValue();
        return Double.isFinite(result) ? result : INVALID;
      }
      return INVALID;
    }
  },

  BOOL("must be true or false") {
    @Override
    Object convert(Object value) {
      return value instanceof Boolean ? value : INVALID;
    }
  },

  DATE("must be " + Dates.EXPECTED_FORM) {
    @Override
    Object convert(Object value) {
      Object date = value instanceof String text ? Dates.tryParseDate(text) : null;
      return date == null ? INVALID : date;
    }
  },

  TIMESTAMP("must be " + Timestamps.EXPECTED_FORM) {
    @Override
    Object convert(Object value) {
      Object instant = value instanceof String text ? Timestamps.tryParseTimestamp(text) : null;
      return instant == null ? INVALID : instant;
    }
  };

  /** Result of {@link #convert} for a value of the wrong type or form. */
  static final Object INVALID = new Object();

  private final String requirement;

  ScalarConverter(String requirement) {
    this.requirement = requirement;
  }

  /** Returns the converted value, or {@link #INVALID}. The value must not be null. */
  abstract Object convert(Object value);

  /** Returns the error message for a rejected value of the field at {@code path}. */
  String message(String path, Object value) {
    return "Field '" + path + "' " + requirement + "; got " + JsonValues.describe(value) + ".";
  }

  static ScalarConverter of(FieldType type) {
    return valueOf(type.name());
  }
}
