package io.cenotoo.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Encodes a get_data page with one Jackson generator pass. It writes the same bytes as building the
 * page as a JsonObject and calling toBuffer, without copying the records into a new array and
 * without the object mapper's serializer lookup for every value.
 */
final class PageEncoder {

  private static final JsonFactory FACTORY = new JsonFactory();
  /** An estimate of one record's encoded size, to size the output buffer once for most pages. */
  private static final int BYTES_PER_RECORD = 256;

  private PageEncoder() {
  }

  static Buffer encode(PartitionReader.Page page) {
    Buffer bytes = Buffer.buffer(64 + BYTES_PER_RECORD * page.records().size());
    try (JsonGenerator out = FACTORY.createGenerator(new BufferOutput(bytes))) {
      out.writeStartObject();
      out.writeArrayFieldStart("data");
      for (JsonObject record : page.records()) {
        writeObject(record.getMap(), out);
      }
      out.writeEndArray();
      out.writeBooleanField("has_more", page.hasMore());
      out.writeFieldName("next_cursor");
      writeValue(page.next() == null ? null : page.next().encode(), out);
      out.writeFieldName("total_count");
      writeValue(page.totalCount(), out);
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Encoding a page into memory failed", e);
    }
    return bytes;
  }

  /** Appends the generator's output to the reply buffer, so the page is not copied out of a byte array. */
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

  private static void writeObject(Map<String, Object> map, JsonGenerator out) throws IOException {
    out.writeStartObject();
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      out.writeFieldName(entry.getKey());
      writeValue(entry.getValue(), out);
    }
    out.writeEndObject();
  }

  private static void writeArray(List<?> list, JsonGenerator out) throws IOException {
    out.writeStartArray();
    for (Object element : list) {
      writeValue(element, out);
    }
    out.writeEndArray();
  }

  @SuppressWarnings("unchecked")
  private static void writeValue(Object value, JsonGenerator out) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String text) {
      out.writeString(text);
    } else if (value instanceof Long number) {
      out.writeNumber(number);
    } else if (value instanceof Double number) {
      out.writeNumber(number);
    } else if (value instanceof Integer number) {
      out.writeNumber(number);
    } else if (value instanceof Boolean bool) {
      out.writeBoolean(bool);
    } else if (value instanceof JsonObject object) {
      writeObject(object.getMap(), out);
    } else if (value instanceof JsonArray array) {
      writeArray(array.getList(), out);
    } else if (value instanceof Map<?, ?> map) {
      writeObject((Map<String, Object>) map, out);
    } else if (value instanceof List<?> list) {
      writeArray(list, out);
    } else {
      // Types the decoder does not produce today; Vert.x's own codec keeps their encoding unchanged.
      out.writeRawValue(Json.encode(value));
    }
  }
}
