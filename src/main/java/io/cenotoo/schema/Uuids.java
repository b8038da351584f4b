package io.cenotoo.schema;

import java.util.UUID;

/**
 * Text form of UUIDs, written as ASCII bytes without building a String, for the hot paths that
 * write record ids into JSON. The bytes need no escaping in JSON.
 */
public final class Uuids {

  /** Length of a UUID's text form, 32 hexadecimal digits and 4 hyphens. */
  public static final int TEXT_LENGTH = 36;

  private static final byte[] DIGITS = {
      '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

  private Uuids() {
  }

  /** Writes the text that {@link UUID#toString()} returns into the first {@link #TEXT_LENGTH} bytes of {@code into}. */
  public static void writeText(UUID id, byte[] into) {
    writeText(id.getMostSignificantBits(), id.getLeastSignificantBits(), into);
  }

  /** Writes the text of the UUID with these most and least significant 64 bits, as {@link #writeText(UUID, byte[])} does. */
  public static void writeText(long high, long low, byte[] into) {
    writeHex(high >>> 32, 8, into, 0);
    into[8] = '-';
    writeHex(high >>> 16, 4, into, 9);
    into[13] = '-';
    writeHex(high, 4, into, 14);
    into[18] = '-';
    writeHex(low >>> 48, 4, into, 19);
    into[23] = '-';
    writeHex(low, 12, into, 24);
  }

  /** Writes the lowest {@code digits} hexadecimal digits of {@code value} at {@code offset}. */
  private static void writeHex(long value, int digits, byte[] into, int offset) {
    for (int i = offset + digits - 1; i >= offset; i--) {
      into[i] = DIGITS[(int) value & 0xF];
      value >>>= 4;
    }
  }
}
