package io.cenotoo.query;

import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Encodes a get_data page with one Jackson generator pass from the driver's rows into the reply
 * buffer: no map per record and no copy of the page out of a byte array.
 */
final class PageEncoder {

  private static final JsonFactory FACTORY = new JsonFactory();
  /** An estimate of one record's encoded size, to size the output buffer once for most pages. */
  private static final int BYTES_PER_RECORD = 256;

  private PageEncoder() {
  }

  static Buffer encode(PartitionReader.Page page) {
    Buffer bytes = Buffer.buffer(64 + BYTES_PER_RECORD * page.rows().size());
    try (JsonGenerator out = FACTORY.createGenerator(new BufferOutput(bytes))) {
      out.writeStartObject();
      out.writeArrayFieldStart("data");
      for (Row row : page.rows()) {
        page.encoder().write(row, out);
      }
      out.writeEndArray();
      out.writeBooleanField("has_more", page.hasMore());
      out.writeFieldName("next_cursor");
      if (page.next() == null) {
        out.writeNull();
      } else {
        out.writeString(page.next().encode());
      }
      out.writeFieldName("total_count");
      if (page.totalCount() == null) {
        out.writeNull();
      } else {
        out.writeNumber(page.totalCount());
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Encoding a page into memory failed", e);
    }
    return bytes;
  }

  /** Appends the generator's output to the reply buffer. */
  private static final class BufferOutput extends OutputStream {

    private final Buffer buffer;

    BufferOutput(Buffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public void write(int b) {
      buffer.appendByte((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      buffer.appendBytes(bytes, offset, length);
    }
  }
}
