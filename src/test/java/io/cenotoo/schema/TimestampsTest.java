package io.cenotoo.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  @Test
  void formatAlwaysHasMillisAndZ() {
    assertEquals("2024-03-10T08:00:00.000Z",
        Timestamps.formatTimestamp(Instant.parse("2024-03-10T08:00:00Z")));
    assertEquals("2024-03-10T08:00:00.120Z",
        Timestamps.formatTimestamp(Instant.parse("2024-03-10T08:00:00.12Z")));
    assertEquals("0001-01-01T00:00:00.000Z",
        Timestamps.formatTimestamp(Instant.parse("0001-01-01T00:00:00Z")));
  }

  @Test
  void formatTruncatesToMillis() {
    assertEquals("2024-03-10T08:00:00.999Z",
        Timestamps.formatTimestamp(Instant.parse("2024-03-10T08:00:00.999999Z")));
  }

  @Test
  void parseNormalisesOffsetToUtc() {
    Instant instant = Timestamps.parseTimestamp("2024-03-10T10:00:00+02:00");

    assertEquals("2024-03-10T08:00:00.000Z", Timestamps.formatTimestamp(instant));
  }

  @Test
  void parseTruncatesToMillis() {
    assertEquals(Instant.parse("2024-01-01T00:00:00.123Z"),
        Timestamps.parseTimestamp("2024-01-01T00:00:00.1239Z"));
  }

  @Test
  void parseRejectsBadInput() {
    for (String text : Arrays.asList("2024-01-01T00:00:00", "2024-01-01", "1700000000", "",
        "2024-01-01T00:00:00Z[UTC]", "9999-12-31T23:00:00-02:00", null)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Timestamps.parseTimestamp(text), String.valueOf(text));

      assertTrue(e.getMessage().contains("ISO 8601"), e.getMessage());
      assertNull(Timestamps.tryParseTimestamp(text));
    }
  }

  @Test
  void parseAcceptsYearBounds() {
    assertEquals(Instant.parse("9999-12-31T23:59:59.999Z"),
        Timestamps.parseTimestamp("9999-12-31T23:59:59.999Z"));
    assertEquals("0000-01-01T00:00:00.000Z",
        Timestamps.formatTimestamp(Timestamps.parseTimestamp("0000-01-01T00:00:00Z")));
  }

  @Test
  void formatParseRoundTrip() {
    Instant instant = Instant.parse("2024-06-30T23:59:59.001Z");

    assertEquals(instant, Timestamps.parseTimestamp(Timestamps.formatTimestamp(instant)));
  }

  @Test
  void datesParseStrictly() {
    assertEquals(LocalDate.of(2024, 2, 29), Dates.parseDate("2024-02-29"));
    assertNull(Dates.tryParseDate("2023-02-29"));
    assertNull(Dates.tryParseDate("2024-13-01"));
    assertNull(Dates.tryParseDate("2024-1-01"));
    assertNull(Dates.tryParseDate(null));
    assertThrows(IllegalArgumentException.class, () -> Dates.parseDate("2024-02-30"));
  }

  @Test
  void canonicalFormParsesLikeIsoParser() {
    for (String text : Arrays.asList("2024-01-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z", "0000-01-01T00:00:00.000Z",
        "9999-12-31T23:59:59.999Z", "1970-01-01T00:00:00.001Z")) {
      Instant expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();

      assertEquals(expected, Timestamps.parseTimestamp(text), text);
    }
  }

  @Test
  void canonicalFormRejectsInvalidFields() {
    for (String text : Arrays.asList("2023-02-29T00:00:00.000Z", "2024-13-01T00:00:00.000Z", "2024-01-01T24:00:00.000Z",
        "2024-01-01T00:60:00.000Z", "2024-01-01T00:00:60.000Z", "2024-01-01T00:00:00.0a0Z", "2024-01-01T00:00:00,000Z")) {
      assertNull(Timestamps.tryParseTimestamp(text), text);
    }
  }

  @Test
  void utcFormsParseLikeIsoParser() {
    for (String text : Arrays.asList("2024-01-01T00:00:00Z", "2024-01-01T00:00:00.1Z", "2024-01-01T00:00:00.12Z",
        "2024-01-01T00:00:00.123456789Z", "1969-12-31T23:59:59.9999Z", "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z")) {
      assertEquals(isoParse(text), Timestamps.tryParseTimestamp(text), text);
    }
    for (String text : Arrays.asList("2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1234567890Z",
        "2024-01-01T00:00:00.12a4Z", "2024-01-01t00:00:00Z", "2024-01-01T00:00:00z", "2024-01-01T00:00Z",
        "2024-02-30T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:00:60Z", "2024-01-01T00:00:00.5+00:00",
        "2024-01-01T00:00:00 Z")) {
      assertEquals(isoParse(text), Timestamps.tryParseTimestamp(text), text);
    }
  }

  /** Random instants with zero to ten fraction digits, a quarter of them with one character changed. */
  @Test
  void randomUtcFormsParseLikeIsoParser() {
    java.util.Random random = new java.util.Random(11);
    long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    DateTimeFormatter seconds = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    for (int i = 0; i < 20_000; i++) {
      long second = first + (long) (random.nextDouble() * (last - first));
      Instant instant = Instant.ofEpochSecond(second, random.nextInt(1_000_000_000));
      StringBuilder text = new StringBuilder(seconds.format(instant));
      int digits = random.nextInt(11);
      if (digits > 0) {
        text.append('.').append(String.format("%09d", instant.getNano()), 0, Math.min(digits, 9));
        for (int d = 9; d < digits; d++) {
          text.append(random.nextInt(10));
        }
      }
      text.append('Z');
      if (random.nextInt(4) == 0) {
        int position = random.nextInt(text.length());
        text.setCharAt(position, "0123456789:-.TZtz ".charAt(random.nextInt(18)));
      }
      String value = text.toString();
      assertEquals(isoParse(value), Timestamps.tryParseTimestamp(value), value);
    }
  }

  /** Parses with the general ISO parser alone, then truncates and checks the range as {@link Timestamps} does. */
  private static Instant isoParse(String text) {
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
    instant = instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    boolean inRange = !instant.isBefore(Instant.parse("0000-01-01T00:00:00Z"))
        && !instant.isAfter(Instant.parse("9999-12-31T23:59:59.999Z"));
    return inRange && Timestamps.startsWithFourDigitYear(text) ? instant : null;
  }

  @Test
  void formatMatchesFormatterOverYears() {
    DateTimeFormatter formatter = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    java.util.Random random = new java.util.Random(7);
    long first = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
    long last = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    for (int i = 0; i < 10_000; i++) {
      Instant instant = Instant.ofEpochMilli(first + (long) (random.nextDouble() * (last - first)));
      assertEquals(formatter.format(instant), Timestamps.formatTimestamp(instant), instant.toString());
    }
    assertEquals("9999-12-31T23:59:59.999Z", Timestamps.formatTimestamp(Instant.ofEpochMilli(last)));
    assertEquals("1969-12-31T23:59:59.999Z", Timestamps.formatTimestamp(Instant.ofEpochMilli(-1)));
  }

  @Test
  void formatIntoCharsMatchesFormatter() {
    DateTimeFormatter formatter = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    long first = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
    long last = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    Random random = new Random(3);
    char[] text = new char[Timestamps.CANONICAL_LENGTH];
    for (int i = 0; i < 20_000; i++) {
      long millis = i < 4 ? new long[] {first, last, -1, 0}[i] : random.nextLong(first, last + 1);

      assertTrue(Timestamps.formatTimestamp(millis, text));

      assertEquals(formatter.format(Instant.ofEpochMilli(millis)), new String(text));
    }
    assertFalse(Timestamps.formatTimestamp(first - 1, text));
    assertFalse(Timestamps.formatTimestamp(last + 1, text));
  }

  @Test
  void formatDateIntoCharsMatchesToString() {
    char[] text = new char[10];
    for (long day = LocalDate.of(0, 1, 1).toEpochDay(); day <= LocalDate.of(9999, 12, 31).toEpochDay(); day += 7) {
      LocalDate date = LocalDate.ofEpochDay(day);

      assertTrue(Dates.formatDate(date, text));

      assertEquals(date.toString(), new String(text));
    }
    assertFalse(Dates.formatDate(LocalDate.of(-1, 12, 31), text));
    assertFalse(Dates.formatDate(LocalDate.of(10000, 1, 1), text));
  }
}
