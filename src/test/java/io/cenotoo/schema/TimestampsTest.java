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
