package io.cenotoo.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {

  @Test
  void textMatchesUuidToString() {
    SplittableRandom random = new SplittableRandom(7);
    List<UUID> ids = new ArrayList<>(List.of(new UUID(0, 0), new UUID(-1, -1),
        new UUID(Long.MIN_VALUE, Long.MAX_VALUE), UUID.fromString("0190a1b2-0000-7000-8000-00000000000f")));
    for (int i = 0; i < 10_000; i++) {
      ids.add(new UUID(random.nextLong(), random.nextLong()));
    }
    byte[] text = new byte[Uuids.TEXT_LENGTH + 2];
    text[Uuids.TEXT_LENGTH] = '#';

    for (UUID id : ids) {
      Uuids.writeText(id, text);

      assertEquals(id.toString(), new String(text, 0, Uuids.TEXT_LENGTH, StandardCharsets.US_ASCII));
      assertEquals('#', text[Uuids.TEXT_LENGTH], "wrote past the text of " + id);
    }
  }
}
