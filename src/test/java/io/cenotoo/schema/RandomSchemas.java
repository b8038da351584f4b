package io.cenotoo.schema;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;

/** Random schemas and integers for the tests that compare a streaming pass with the tree path. */
final class RandomSchemas {

  private static final FieldType[] TYPES = FieldType.values();

  private RandomSchemas() {
  }

  /**
   * Returns a schema of one to eight top-level fields of random types, some of them lists, with
   * groups nested up to two levels. Nested fields are sometimes named like the reserved top-level names.
   */
  static CollectionSchema schema(Random random) {
    return CollectionSchema.parse(group(random, 0));
  }

  /** Returns an integer that is often at an edge: the long range's ends or just past 2^53. */
  static long integer(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> Long.MIN_VALUE;
      case 1 -> Long.MAX_VALUE;
      case 2 -> random.nextInt(200) - 100;
      case 3 -> (1L << 53) + random.nextInt(3);
      case 4 -> random.nextInt();
      default -> random.nextLong();
    };
  }

  private static JsonObject group(Random random, int depth) {
    JsonObject group = new JsonObject();
    int fields = 1 + random.nextInt(depth == 0 ? 8 : 4);
    for (int i = 0; i < fields; i++) {
      // Nested groups may use the names that are reserved at the top level.
      String name = "f" + depth + "_" + i;
      if (depth > 0 && random.nextInt(8) == 0) {
        name = List.of("key", "timestamp", "day", "record_id").get(random.nextInt(4));
      }

      int pick = random.nextInt(10);
      if (pick <= 1 && depth < 2) {
        group.put(name, group(random, depth + 1));
      } else if (pick <= 3) {
        group.put(name, new JsonArray().add(TYPES[random.nextInt(TYPES.length)].typeName()));
      } else {
        group.put(name, TYPES[random.nextInt(TYPES.length)].typeName());
      }
    }
    return group;
  }
}
