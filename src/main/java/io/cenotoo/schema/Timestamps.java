package io.cenotoo.schema;

import io.cenotoo.error.FieldError;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Parses and formats record timestamps. Timestamps are ISO 8601 strings with a zone, kept as UTC
 * instants with millisecond precision because Cassandra's timestamp type stores milliseconds.
 */
public final class Timestamps {

  /** The accepted form, for error messages. */
  public static final String EXPECTED_FORM =
      "an ISO 8601 string with a zone, such as 2024-01-01T00:00:00Z";

  private static final DateTimeFormatter CANONICAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  // Four-digit years keep the canonical form fixed-width and sortable as text.
  private static final Instant MIN = LocalDate.of(0, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
  private static final Instant MAX =
      LocalDate.of(10000, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
  // Instant.toEpochMilli checks for overflow on every call, which showed in profiles of the ingest path.
  private static final long MIN_MILLIS = MIN.toEpochMilli();
  private static final long MAX_MILLIS = MAX.toEpochMilli();

  private Timestamps() {}

  /** Length of the canonical form, such as {@code 2024-03-10T08:00:00.000Z}. */
  public static final int CANONICAL_LENGTH = 24;

  /**
   * Formats an instant in UTC as {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}, such as {@code 2024-03-10T08:00:00.000Z}.
   * Years 0000 to 9999, the range stored timestamps lie in, are written digit by digit, because a
   * page of get_data formats one timestamp per record and the DateTimeFormatter costs several times more.
   */
  public static String formatTimestamp(Instant instant) {
    if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
      return CANONICAL.format(instant);
    }
    char[] text = new char[CANONICAL_LENGTH];
    formatTimestamp(instant.toEpochMilli(), text);
    return new String(text);
  }

  /**
   * Writes the canonical form of a time in milliseconds since the epoch into the first
   * {@link #CANONICAL_LENGTH} characters of {@code text}, without allocating, when its year lies
   * in 0000 to 9999.
   *
   * @return false, with {@code text} unchanged, for a time outside those years
   */
  public static boolean formatTimestamp(long epochMillis, char[] text) {
    if (epochMillis < MIN_MILLIS || epochMillis > MAX_MILLIS) {
      return false;
    }
    long seconds = Math.floorDiv(epochMillis, 1000L);
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    formatDate(date, text);
    text[10] = 'T';
    digits(text, 11, 2, secondOfDay / 3600);
    text[13] = ':';
    digits(text, 14, 2, secondOfDay / 60 % 60);
    text[16] = ':';
    digits(text, 17, 2, secondOfDay % 60);
    text[19] = '.';
    digits(text, 20, 3, (int) Math.floorMod(epochMillis, 1000L));
    text[23] = 'Z';
    return true;
  }

  /** Writes a date of the years 0000 to 9999 as {@code YYYY-MM-DD} into the first ten characters of {@code text}. */
  static void formatDate(LocalDate date, char[] text) {
    digits(text, 0, 4, date.getYear());
    text[4] = '-';
    digits(text, 5, 2, date.getMonthValue());
    text[7] = '-';
    digits(text, 8, 2, date.getDayOfMonth());
  }

  /** Writes {@code value} as {@code width} decimal digits ending before {@code from + width}. */
  private static void digits(char[] text, int from, int width, int value) {
    for (int i = from + width - 1; i >= from; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * Parses an ISO 8601 date-time with {@code Z} or an offset, such as
   * {@code 2024-03-10T10:00:00+02:00}, to a UTC instant truncated to milliseconds. Seconds and
   * fractions are optional. The year must have four digits and the result must lie in the years
   * 0000 to 9999 UTC.
   *
   * @throws IllegalArgumentException when the text is null, has no zone, or is not such a date-time
   */
  public static Instant parseTimestamp(String text) {
    Instant instant = tryParseTimestamp(text);
    if (instant == null) {
      String got = text == null ? "null" : JsonValues.describe(text);
      throw new IllegalArgumentException("Invalid timestamp: expected " + EXPECTED_FORM + "; got "
          + got + ".");
    }
    return instant;
  }

  /** Parses like {@link #parseTimestamp} but returns null for null or invalid text. */
  public static Instant tryParseTimestamp(String text) {
    if (text == null || !startsWithFourDigitYear(text)) {
      return null;
    }
    Instant utc = parseUtc(text);
    if (utc != null) {
      return utc;
    }
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
    instant = instant.truncatedTo(ChronoUnit.MILLIS);
    if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
      return null;
    }
    return instant;
  }

  /**
   * Parses {@code yyyy-MM-dd'T'HH:mm:ss'Z'} with an optional fraction of one to nine digits, such as
   * the canonical form and what {@code Instant.toString()} writes, without the general ISO parser.
   * Ingestion parses at least one timestamp per record and the sink one per stored row, and on JDK
   * 17 the general parser took about 20 times as long in a loop over such texts. Returns null for
   * any other text, including invalid dates, so the general parser decides those and the results
   * stay the same.
   */
  private static Instant parseUtc(String text) {
    int length = text.length();
    // 20 characters without a fraction, or 22 to 30 with a point and one to nine digits.
    if (length < 20 || length == 21 || length > 30 || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z'
        || (length > 20 && text.charAt(19) != '.')) {
      return null;
    }
    int fractionDigits = Math.max(0, length - 21);
    int millisDigits = Math.min(3, fractionDigits);
    int millis = millisDigits == 0 ? 0 : digits(text, 20, millisDigits);
    // Digits beyond milliseconds are truncated but must still be digits.
    if (fractionDigits > millisDigits && digits(text, 23, fractionDigits - millisDigits) < 0) {
      return null;
    }
    for (int i = millisDigits; i < 3; i++) {
      millis *= 10;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || millis < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Returns the decimal value of {@code length} digits from {@code from}, or -1 if one is not a digit. */
  private static int digits(String text, int from, int length) {
    int value = 0;
    for (int i = from; i < from + length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Truncates an instant to milliseconds, the precision records keep. */
  public static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  static boolean startsWithFourDigitYear(String text) {
    if (text.length() < 5 || text.charAt(4) != '-') {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses an optional timestamp parameter of a request: null stays null, and an invalid value adds
   * an error naming {@code field} and the expected form, then returns null.
   */
  public static Instant parseParameter(String text, String field, List<FieldError> errors) {
    if (text == null) {
      return null;
    }
    Instant instant = tryParseTimestamp(text);
    if (instant == null) {
      errors.add(new FieldError(field, field + " must be " + EXPECTED_FORM + "; got '" + text + "'."));
    }
    return instant;
  }
}
