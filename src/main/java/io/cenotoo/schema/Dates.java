package io.cenotoo.schema;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses and formats calendar dates written {@code YYYY-MM-DD}, the form of the {@code date} field type. */
public final class Dates {

  /** The accepted form, for error messages. */
  public static final String EXPECTED_FORM = "a date in the form YYYY-MM-DD, such as 2024-03-10";

  private Dates() {}

  /**
   * Parses a date with a four-digit year that exists in the calendar, so {@code 2024-02-30} is
   * rejected.
   *
   * @throws IllegalArgumentException when the text is null or not such a date
   */
  public static LocalDate parseDate(String text) {
    LocalDate date = tryParseDate(text);
    if (date == null) {
      String got = text == null ? "null" : JsonValues.describe(text);
      throw new IllegalArgumentException("Invalid date: expected " + EXPECTED_FORM + "; got " + got
          + ".");
    }
    return date;
  }

  /**
   * Writes {@code date.toString()} into the first ten characters of {@code text} without allocating,
   * when the year lies in 0000 to 9999, where that form is {@code YYYY-MM-DD}.
   *
   * @return false, with {@code text} unchanged, for a date outside those years
   */
  public static boolean formatDate(LocalDate date, char[] text) {
    if (date.getYear() < 0 || date.getYear() > 9999) {
      return false;
    }
    Timestamps.formatDate(date, text);
    return true;
  }

  /** Parses like {@link #parseDate} but returns null for null or invalid text. */
  public static LocalDate tryParseDate(String text) {
    if (text == null || text.length() != 10 || !Timestamps.startsWithFourDigitYear(text)) {
      return null;
    }
    try {
      // ISO_LOCAL_DATE resolves strictly, so day 30 of February fails instead of rolling over.
      return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
