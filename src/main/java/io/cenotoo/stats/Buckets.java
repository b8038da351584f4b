package io.cenotoo.stats;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calendar-aligned time buckets of {@code every_N_<unit>} in a time zone. Buckets never depend on
 * the data:
 * <ul>
 *   <li>minutes and hours count from the start of each local day, so {@code every_15_minutes}
 *       starts at :00, :15, :30 and :45 and {@code every_6_hours} at 00:00, 06:00, 12:00 and 18:00
 *       (when N does not divide the day, the day's last bucket is shorter);</li>
 *   <li>days count from 1970-01-01, weeks start on Monday and count from Monday 1969-12-29, and
 *       months count from January of year 0, so {@code every_3_months} gives calendar quarters.</li>
 * </ul>
 * Day, week and month buckets start at local midnight, so across a DST change a day bucket lasts
 * 23 or 25 hours.
 */
public record Buckets(int count, Unit unit, ZoneId zone) {

  /** Largest N accepted in {@code every_N_<unit>}. */
  public static final int MAX_COUNT = 10_000;
  private static final Pattern INTERVAL =
      Pattern.compile("every_(\\d{1,5})_(minute|hour|day|week|month)s?", Pattern.CASE_INSENSITIVE);
  private static final LocalDate WEEK_ORIGIN = LocalDate.of(1969, 12, 29);

  /** Bucket units. */
  public enum Unit {
    MINUTES, HOURS, DAYS, WEEKS, MONTHS;

    /** Returns whether every bucket of this unit starts at a local midnight. */
    public boolean isCalendar() {
      return this == DAYS || this == WEEKS || this == MONTHS;
    }
  }

  /**
   * Parses {@code every_N_<unit>} with unit minute, hour, day, week or month, singular or plural;
   * returns null when the text does not have that form or N is outside 1 to {@link #MAX_COUNT}.
   */
  public static Buckets parse(String interval, ZoneId zone) {
    Matcher matcher = INTERVAL.matcher(interval.trim());
    if (!matcher.matches()) {
      return null;
    }
    int count = Integer.parseInt(matcher.group(1));
    if (count < 1 || count > MAX_COUNT) {
      return null;
    }
    Unit unit = Unit.valueOf(matcher.group(2).toUpperCase(Locale.ROOT) + "S");
    return new Buckets(count, unit, zone);
  }

  /** Returns the start of the bucket that contains the instant. */
  public Instant startOf(Instant instant) {
    ZonedDateTime local = instant.atZone(zone);
    LocalDate date = local.toLocalDate();
    return switch (unit) {
      case MINUTES, HOURS -> {
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        long step = (unit == Unit.MINUTES ? Duration.ofMinutes(count) : Duration.ofHours(count)).toMillis();
        long elapsed = instant.toEpochMilli() - dayStart.toEpochMilli();
        yield dayStart.plusMillis(elapsed / step * step);
      }
      case DAYS -> midnight(LocalDate.ofEpochDay(Math.floorDiv(date.toEpochDay(), count) * count));
      case WEEKS -> {
        LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        long weeks = ChronoUnit.WEEKS.between(WEEK_ORIGIN, monday);
        yield midnight(WEEK_ORIGIN.plusWeeks(Math.floorDiv(weeks, count) * count));
      }
      case MONTHS -> {
        long months = date.getYear() * 12L + date.getMonthValue() - 1;
        long first = Math.floorDiv(months, count) * count;
        yield midnight(LocalDate.of((int) Math.floorDiv(first, 12), Math.floorMod(first, 12) + 1, 1));
      }
    };
  }

  /** Returns the start of the bucket after the one starting at {@code start}. */
  public Instant next(Instant start) {
    ZonedDateTime local = start.atZone(zone);
    return switch (unit) {
      case MINUTES, HOURS -> {
        Instant candidate = start.plus(unit == Unit.MINUTES ? Duration.ofMinutes(count) : Duration.ofHours(count));
        Instant nextDay = local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        yield candidate.isAfter(nextDay) ? nextDay : candidate;
      }
      case DAYS -> midnight(local.toLocalDate().plusDays(count));
      case WEEKS -> midnight(local.toLocalDate().plusWeeks(count));
      case MONTHS -> midnight(local.toLocalDate().plusMonths(count));
    };
  }

  private Instant midnight(LocalDate date) {
    return date.atStartOfDay(zone).toInstant();
  }
}
