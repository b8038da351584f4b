package io.cenotoo.query;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cenotoo.schema.Dates;
import io.cenotoo.schema.Timestamps;
import io.cenotoo.schema.Uuids;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;

/**
 * Writes cells of a data-table row as JSON strings straight from their bytes. Timestamps and dates
 * are formatted into a reusable character buffer and UUIDs into a reusable byte buffer, so they
 * cost no String per cell.
 * Text goes to the generator as the UTF-8 bytes Cassandra stored, because Cassandra rejects invalid
 * UTF-8 in text columns. The output is byte for byte what the generator writes for the values as
 * Strings: those of {@link Timestamps#formatTimestamp}, {@code LocalDate.toString}, {@code
 * UUID.toString} and the decoded text. Use from one thread at a time.
 */
final class CellWriter {

  /** Longest formatted value: a canonical timestamp. */
  private static final int MAX_FORMATTED_LENGTH = Timestamps.CANONICAL_LENGTH;

  private final char[] chars = new char[MAX_FORMATTED_LENGTH];
  private final byte[] uuidText = new byte[Uuids.TEXT_LENGTH];

  /**
   * Writes a text cell. Characters outside the BMP go through a String: the generator escapes both
   * halves of a String's surrogate pair, but copies the four UTF-8 bytes of the same character as they are.
   */
  void text(ByteBuffer bytes, ProtocolVersion version, JsonGenerator out) throws IOException {
    if (bytes.hasArray() && !hasFourByteSequence(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining())) {
      out.writeUTF8String(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    } else {
      out.writeString(TypeCodecs.TEXT.decode(bytes, version));
    }
  }

  /** Returns whether UTF-8 text contains the lead byte of a four-byte sequence, which encodes a character outside the BMP. */
  private static boolean hasFourByteSequence(byte[] utf8, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if ((utf8[i] & 0xf8) == 0xf0) {
        return true;
      }
    }
    return false;
  }

  /** Writes a timestamp cell, a big-endian count of milliseconds since the epoch. */
  void timestamp(ByteBuffer bytes, ProtocolVersion version, JsonGenerator out) throws IOException {
    long epochMillis = TypeCodecs.BIGINT.decodePrimitive(bytes, version);
    if (Timestamps.formatTimestamp(epochMillis, chars)) {
      out.writeString(chars, 0, Timestamps.CANONICAL_LENGTH);
    } else {
      out.writeString(Timestamps.formatTimestamp(TypeCodecs.TIMESTAMP.decode(bytes, version)));
    }
  }

  void date(ByteBuffer bytes, ProtocolVersion version, JsonGenerator out) throws IOException {
    LocalDate date = TypeCodecs.DATE.decode(bytes, version);
    if (Dates.formatDate(date, chars)) {
      out.writeString(chars, 0, 10);
    } else {
      out.writeString(date.toString());
    }
  }

  /** Writes a UUID cell, 16 bytes, in the 8-4-4-4-12 lower-case hexadecimal form. */
  void uuid(ByteBuffer bytes, JsonGenerator out) throws IOException {
    Uuids.writeText(bytes.getLong(bytes.position()), bytes.getLong(bytes.position() + 8), uuidText);
    out.writeRawUTF8String(uuidText, 0, uuidText.length);
  }
}
