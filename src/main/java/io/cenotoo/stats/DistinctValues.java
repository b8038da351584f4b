package io.cenotoo.stats;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The form in which a cell keeps a distinct value, and what it takes on the heap. A text of more
 * than {@link #DIGEST_ABOVE_CHARS} characters is kept as the first 128 bits of its SHA-256 digest,
 * so a distinct count over a text field of records near the 1 MB limit keeps 32 bytes per value
 * instead of the text. Two different texts count as one only if those bits collide, which a
 * count of any size that fits in memory will not see (about n² / 2¹²⁹).
 */
final class DistinctValues {

  static final int DIGEST_ABOVE_CHARS = 64;
  /** A hash set's node and its slot in the table, on a 64-bit JVM with compressed references. */
  static final long ENTRY_BYTES = 48;
  private static final long OBJECT_BYTES = 24;
  private static final long STRING_BYTES = 56;

  private DistinctValues() {
  }

  /** Returns the value to keep in a distinct set: the value itself, or the digest of a long text. */
  static Object key(Object value) {
    if (value instanceof String text && text.length() > DIGEST_ABOVE_CHARS) {
      ByteBuffer digest = ByteBuffer.wrap(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
      return new Digest(digest.getLong(), digest.getLong());
    }
    return value;
  }

  /**
   * Returns an estimate of what a value takes on the heap: a text two bytes per character, the most a
   * Java string uses, and any other value one small object.
   */
  static long heapBytes(Object value) {
    if (value instanceof String text) {
      return STRING_BYTES + 2L * text.length();
    }
    return value == null ? 0 : OBJECT_BYTES;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  /** The first 128 bits of a text's SHA-256 digest. */
  record Digest(long high, long low) {
  }
}
