package io.cenotoo.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitParseTest {

  @Test
  void parsesEveryUnit() {
    assertEquals(new RateLimit(120, Duration.ofMinutes(1)), RateLimit.parse("120/minute"));
    assertEquals(new RateLimit(5, Duration.ofSeconds(1)), RateLimit.parse("5/second"));
    assertEquals(new RateLimit(10, Duration.ofHours(1)), RateLimit.parse(" 10 / Hour "));
    assertEquals(new RateLimit(1, Duration.ofDays(1)), RateLimit.parse("1/day"));
  }

  @Test
  void rejectsMalformedValues() {
    for (String value : new String[] {null, "", "120", "0/minute", "-1/minute", "10/minutes", "ten/minute"}) {
      assertThrows(IllegalArgumentException.class, () -> RateLimit.parse(value), String.valueOf(value));
    }
  }
}
