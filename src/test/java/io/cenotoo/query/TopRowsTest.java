package io.cenotoo.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopRowsTest {

  private static List<Object> ids(TopRows<JsonObject> top) {
    return top.sorted().stream().map(record -> record.getValue("id")).toList();
  }

  private static void offer(TopRows<JsonObject> top, Object value, int id) {
    top.offer(value, new JsonObject().put("id", id), 10 * id);
  }

  @Test
  void keepsOnlyTheBestRecordsInOrder() {
    TopRows<JsonObject> top = new TopRows<>(3, false);
    int[] values = {5, 1, 9, 3, 7, 2};
    for (int i = 0; i < values.length; i++) {
      offer(top, (long) values[i], i);
    }
    assertEquals(List.of(1, 5, 3), ids(top));
    assertEquals(6, top.offered());
  }

  @Test
  void heldBytesCountOnlyKeptRecords() {
    TopRows<JsonObject> top = new TopRows<>(2, false);
    offer(top, 5L, 1);
    offer(top, 9L, 2);
    assertEquals(30, top.heldBytes());

    offer(top, 1L, 3);
    offer(top, 7L, 4);

    assertEquals(List.of(3, 1), ids(top));
    assertEquals(40, top.heldBytes(), "the records of ids 3 and 1, of 30 and 10 bytes");
  }

  @Test
  void nullsComeLastInBothDirections() {
    for (boolean descending : new boolean[] {false, true}) {
      TopRows<JsonObject> top = new TopRows<>(10, descending);
      offer(top, null, 0);
      offer(top, 2.0, 1);
      offer(top, 1.0, 2);
      assertEquals(descending ? List.of(1, 2, 0) : List.of(2, 1, 0), ids(top));
    }
  }

  @Test
  void equalValuesKeepOfferOrder() {
    TopRows<JsonObject> top = new TopRows<>(2, true);
    offer(top, "a", 0);
    offer(top, "a", 1);
    offer(top, "a", 2);
    assertEquals(List.of(0, 1), ids(top));
  }
}
