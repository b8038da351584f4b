package io.cenotoo.ingest;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered record ids in the UUID version 7 layout: 48 bits of Unix milliseconds, then random
 * bits, so ids sort by creation time and never collide in practice.
 */
final class RecordIds {

  private static final SecureRandom RANDOM = new SecureRandom();

  private RecordIds() {
  }

  static UUID next() {
    long millis = System.currentTimeMillis();
    long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
    long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }
}
