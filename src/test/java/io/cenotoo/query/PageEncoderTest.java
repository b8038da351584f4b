package io.cenotoo.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The streaming page encoder writes exactly the bytes that a JsonObject page's toBuffer writes. */
class PageEncoderTest {

  @Test
  void randomPagesEncodeLikeJsonObject() {
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      List<JsonObject> records = new ArrayList<>();
      int size = random.nextInt(12);
      for (int r = 0; r < size; r++) {
        records.add(randomRecord(random));
      }
      PageCursor next = random.nextBoolean() ? null : new PageCursor(LocalDate.of(2024, 1, 1 + random.nextInt(28)),
          "k" + random.nextInt(100), Instant.ofEpochMilli(random.nextLong() >>> 24), new UUID(random.nextLong(),
          random.nextLong()), "fingerprint");
      Long total = random.nextBoolean() ? null : (long) random.nextInt(1_000_000);
      PartitionReader.Page page = new PartitionReader.Page(records, random.nextBoolean(), next, total);

      assertEquals(viaJsonObject(page), PageEncoder.encode(page).toString());
    }
  }

  @Test
  void emptyPageEncodesItsFields() {
    PartitionReader.Page page = new PartitionReader.Page(List.of(), false, null, 0L);

    assertEquals("{\"data\":[],\"has_more\":false,\"next_cursor\":null,\"total_count\":0}",
        PageEncoder.encode(page).toString());
  }

  private static String viaJsonObject(PartitionReader.Page page) {
    return new JsonObject()
        .put("data", new JsonArray(new ArrayList<>(page.records())))
        .put("has_more", page.hasMore())
        .put("next_cursor", page.next() == null ? null : page.next().encode())
        .put("total_count", page.totalCount())
        .toBuffer()
        .toString();
  }

  private static JsonObject randomRecord(Random random) {
    JsonObject record = new JsonObject()
        .put("key", randomText(random))
        .put("timestamp", "2024-01-01T00:00:00.000Z")
        .put("day", "2024-01-01")
        .put("record_id", UUID.randomUUID().toString());
    int fields = random.nextInt(6);
    for (int f = 0; f < fields; f++) {
      record.put("f" + f, randomValue(random, 2));
    }
    return record;
  }

  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 9 : 7);
    return switch (kind) {
      case 0 -> null;
      case 1 -> randomText(random);
      case 2 -> random.nextLong();
      case 3 -> random.nextBoolean() ? random.nextDouble() * Math.pow(10, random.nextInt(40) - 20) : -0.0;
      case 4 -> random.nextBoolean();
      case 5 -> (long) random.nextInt(100);
      case 6 -> random.nextDouble() - 0.5;
      case 7 -> new JsonObject().put("lat", randomValue(random, depth - 1)).put("lon", randomValue(random, depth - 1));
      default -> new JsonArray().add(randomValue(random, depth - 1)).add(randomValue(random, depth - 1));
    };
  }

  /** Text with quotes, backslashes, control characters and characters outside the BMP. */
  private static String randomText(Random random) {
    String[] parts = {"a", "Zürich", "\"", "\\", "\n", "\u0001", "😀", "</script>", "日本", " "};
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      text.append(parts[random.nextInt(parts.length)]);
    }
    return text.toString();
  }
}
