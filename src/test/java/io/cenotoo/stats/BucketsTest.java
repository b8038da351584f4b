package io.cenotoo.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BucketsTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Instant start(String interval, ZoneId zone, String instant) {
    return Buckets.parse(interval, zone).startOf(Instant.parse(instant));
  }

  private static Instant instant(String text) {
    return Instant.parse(text);
  }

  @Test
  void hoursStartOnTheHour() {
    assertEquals(instant("2024-01-01T00:00:00Z"), start("every_1_hours", ZoneOffset.UTC, "2024-01-01T00:30:00Z"));
    assertEquals(instant("2024-01-01T01:00:00Z"), start("every_1_hours", ZoneOffset.UTC, "2024-01-01T01:50:00Z"));
    assertEquals(instant("2024-01-01T18:00:00Z"), start("every_6_hours", ZoneOffset.UTC, "2024-01-01T23:59:59.999Z"));
  }

  @Test
  void minutesCountFromMidnight() {
    assertEquals(instant("2024-01-01T10:15:00Z"), start("every_15_minutes", ZoneOffset.UTC, "2024-01-01T10:29:59Z"));
    assertEquals(instant("2024-01-01T23:55:00Z"), start("every_7_minutes", ZoneOffset.UTC, "2024-01-01T23:58:00Z"));
    Buckets sevenMinutes = Buckets.parse("every_7_minutes", ZoneOffset.UTC);
    assertEquals(instant("2024-01-02T00:00:00Z"), sevenMinutes.next(instant("2024-01-01T23:55:00Z")));
  }

  @Test
  void weeksStartOnMonday() {
    assertEquals(instant("2024-01-01T00:00:00Z"), start("every_1_week", ZoneOffset.UTC, "2024-01-07T23:00:00Z"));
    assertEquals(instant("2024-01-08T00:00:00Z"), start("every_1_weeks", ZoneOffset.UTC, "2024-01-08T00:00:00Z"));
  }

  @Test
  void monthsAndQuartersFollowTheCalendar() {
    assertEquals(instant("2024-02-01T00:00:00Z"), start("every_1_month", ZoneOffset.UTC, "2024-02-29T12:00:00Z"));
    assertEquals(instant("2024-04-01T00:00:00Z"), start("every_3_months", ZoneOffset.UTC, "2024-06-30T23:00:00Z"));
    assertEquals(instant("2024-01-01T00:00:00Z"), start("every_12_months", ZoneOffset.UTC, "2024-12-31T23:00:00Z"));
    assertEquals(instant("2024-03-01T00:00:00Z"),
        Buckets.parse("every_1_months", ZoneOffset.UTC).next(instant("2024-02-01T00:00:00Z")));
  }

  @Test
  void daysFollowLocalMidnightAcrossDaylightSaving() {
    assertEquals(instant("2024-03-09T05:00:00Z"), start("every_1_days", NEW_YORK, "2024-03-10T04:30:00Z"));
    assertEquals(instant("2024-03-10T05:00:00Z"), start("every_1_days", NEW_YORK, "2024-03-10T05:30:00Z"));
    assertEquals(instant("2024-03-11T04:00:00Z"), start("every_1_days", NEW_YORK, "2024-03-11T04:30:00Z"));
    Buckets days = Buckets.parse("every_1_days", NEW_YORK);
    assertEquals(instant("2024-03-11T04:00:00Z"), days.next(instant("2024-03-10T05:00:00Z")));
    assertEquals(instant("2024-11-04T05:00:00Z"), days.next(instant("2024-11-03T04:00:00Z")));
  }

  @Test
  void hoursCountFromLocalMidnightOnShortDays() {
    assertEquals(instant("2024-03-10T08:00:00Z"), start("every_3_hours", NEW_YORK, "2024-03-10T09:00:00Z"));
  }

  @Test
  void invalidIntervalsParseToNull() {
    assertNull(Buckets.parse("every_2_fortnights", ZoneOffset.UTC));
    assertNull(Buckets.parse("every_0_days", ZoneOffset.UTC));
    assertNull(Buckets.parse("every_x_days", ZoneOffset.UTC));
    assertNull(Buckets.parse("2_days", ZoneOffset.UTC));
    assertNull(Buckets.parse("every_10001_days", ZoneOffset.UTC));
  }
}
