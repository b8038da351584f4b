package io.cenotoo.ratelimit;

import io.github.bucket4j.Bandwidth;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A request budget such as {@code 120/minute}: {@code capacity} requests per {@code period}. */
public record RateLimit(long capacity, Duration period) {

  private static final Pattern FORMAT = Pattern.compile("\\s*(\\d+)\\s*/\\s*(second|minute|hour|day)\\s*");

  /** Returns the Bucket4j limit: {@code capacity} tokens, refilled evenly over {@code period}. */
  public Bandwidth bandwidth() {
    return Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
  }

  /** Parses {@code N/second}, {@code N/minute}, {@code N/hour} or {@code N/day}, with N at least 1. */
  public static RateLimit parse(String text) {
    Matcher matcher = FORMAT.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException("must look like 120/minute: a positive count, a slash, and second, minute, "
          + "hour or day; got '" + text + "'");
    }
    long capacity = Long.parseLong(matcher.group(1));
    if (capacity < 1) {
      throw new IllegalArgumentException("needs a count of at least 1; got '" + text + "'");
    }
    Duration period = switch (matcher.group(2)) {
      case "second" -> Duration.ofSeconds(1);
      case "minute" -> Duration.ofMinutes(1);
      case "hour" -> Duration.ofHours(1);
      default -> Duration.ofDays(1);
    };
    return new RateLimit(capacity, period);
  }

  @Override
  public String toString() {
    return capacity + "/" + period.toSeconds() + "s";
  }
}
