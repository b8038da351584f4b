package io.cenotoo.stats;

import java.util.Locale;

/** A statistic of the statistics operation, named as in the {@code stat} parameter. */
public enum Stat {
  AVG, MAX, MIN, SUM, COUNT, DISTINCT;

  public static final String NAMES = "avg, max, min, sum, count, distinct";

  /** Returns the stat with this name in any case, or null. */
  public static Stat parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns whether the stat needs numeric values (int or float fields). */
  public boolean isNumeric() {
    return this == AVG || this == MAX || this == MIN || this == SUM;
  }
}
