package io.cenotoo.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The record values' doubles must come back from Kafka as the very doubles that were sent. */
class JacksonTest {

  private static final double[] EDGES = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
      Double.MAX_VALUE, -Double.MAX_VALUE, 1e23, 2e-3, 0.1, 1.0 / 3, 9007199254740993.0, 4.35, 1e-7, 1e7};

  @Test
  void doublesRoundTripBitForBit() throws IOException {
    Random random = new Random(20261205L);
    for (int i = 0; i < 100_000; i++) {
      double value = i < EDGES.length ? EDGES[i] : Double.longBitsToDouble(random.nextLong());
      if (!Double.isFinite(value)) {
        continue;
      }
      String text = write(value);

      assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
      assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(read(text)), text);
    }
  }

  @Test
  void writesShortestDigits() throws IOException {
    assertEquals("8.02145047128556E17", write(8.0214504712855603E17));
  }

  private static String write(double value) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = Jackson.FACTORY.createGenerator(text)) {
      out.writeNumber(value);
    }
    return text.toString();
  }

  private static double read(String text) throws IOException {
    try (JsonParser parser = Jackson.FACTORY.createParser(text)) {
      JsonToken token = parser.nextToken();
      return token == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : parser.getDoubleValue();
    }
  }
}
