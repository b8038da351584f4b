package io.cenotoo.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.error.ApiException;
import io.cenotoo.schema.CollectionSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterParserTest {

  private static final CollectionSchema SCHEMA = CollectionSchema.parse(new JsonObject()
      .put("sensor", "text").put("value", "float").put("count", "int").put("ok", "bool").put("on", "date")
      .put("seen", "timestamp").put("tags", new JsonArray().add("text")).put("loc", new JsonObject().put("lat", "float")));

  private static Map<String, Object> record() {
    Map<String, Object> values = new HashMap<>();
    values.put("key", "k1");
    values.put("timestamp", Instant.parse("2024-01-01T12:00:00Z"));
    values.put("sensor", "alpha-1");
    values.put("value", 2.5);
    values.put("count", 7L);
    values.put("ok", true);
    values.put("on", LocalDate.parse("2024-01-01"));
    values.put("seen", Instant.parse("2024-01-01T00:00:00Z"));
    values.put("tags", List.of("red", "blue"));
    values.put("loc$lat", 40.5);
    values.put("nothing", null);
    return values;
  }

  private static boolean matches(String property, String operator, Object value) {
    JsonArray filters = new JsonArray().add(new JsonObject().put("property_name", property).put("operator", operator)
        .put("property_value", value));
    return FilterParser.parse(filters.encode(), SCHEMA).test(record()::get);
  }

  private static ApiException rejected(String filters) {
    return assertThrows(ApiException.class, () -> FilterParser.parse(filters, SCHEMA));
  }

  @Test
  void everyOperatorComparesTypedValues() {
    assertTrue(matches("value", "eq", 2.5));
    assertFalse(matches("value", "ne", 2.5));
    assertTrue(matches("count", "lt", 8));
    assertTrue(matches("count", "less", 8));
    assertFalse(matches("count", "lt", 7));
    assertTrue(matches("count", "lte", 7));
    assertTrue(matches("count", "le", 7));
    assertTrue(matches("value", "gt", 2));
    assertTrue(matches("value", "greater", 2.4));
    assertTrue(matches("value", "gte", 2.5));
    assertTrue(matches("value", "ge", 2.5));
    assertFalse(matches("value", "gte", 2.6));
    assertTrue(matches("sensor", "in", new JsonArray().add("x").add("alpha-1")));
    assertFalse(matches("count", "in", new JsonArray().add(1).add(2)));
    assertTrue(matches("sensor", "contains", "pha"));
    assertTrue(matches("tags", "contains", "red"));
    assertTrue(matches("tags", "not_contains", "green"));
    assertFalse(matches("sensor", "not_contains", "alpha"));
    assertTrue(matches("ok", "eq", true));
    assertTrue(matches("on", "lt", "2024-01-02"));
    assertTrue(matches("seen", "lt", "2024-01-01T01:00:00+00:00"));
    assertTrue(matches("timestamp", "eq", "2024-01-01T14:00:00+02:00"));
    assertTrue(matches("key", "eq", "k1"));
    assertTrue(matches("loc$lat", "gt", 40));
  }

  @Test
  void nullValuesMatchOnlyNegations() {
    Map<String, Object> values = record();
    values.put("value", null);
    for (String operator : List.of("eq", "lt", "gt", "lte", "gte")) {
      JsonArray filters = new JsonArray().add(new JsonObject().put("property_name", "value").put("operator", operator)
          .put("property_value", 1));
      assertFalse(FilterParser.parse(filters.encode(), SCHEMA).test(values::get), operator);
    }
    JsonArray ne = new JsonArray().add(new JsonObject().put("property_name", "value").put("operator", "ne")
        .put("property_value", 1));
    assertTrue(FilterParser.parse(ne.encode(), SCHEMA).test(values::get));
  }

  @Test
  void orGroupMatchesAnyOperand() {
    String filters = "[{\"property_name\":\"count\",\"operator\":\"gt\",\"property_value\":1},"
        + "{\"operator\":\"OR\",\"operands\":[{\"property_name\":\"sensor\",\"operator\":\"eq\",\"property_value\":\"x\"},"
        + "{\"property_name\":\"value\",\"operator\":\"eq\",\"property_value\":2.5}]}]";
    assertTrue(FilterParser.parse(filters, SCHEMA).test(record()::get));

    String neither = filters.replace("2.5", "3.5");
    assertFalse(FilterParser.parse(neither, SCHEMA).test(record()::get));
  }

  @Test
  void emptyFiltersParseToNull() {
    assertNull(FilterParser.parse(null, SCHEMA));
    assertNull(FilterParser.parse("[]", SCHEMA));
  }

  @Test
  void invalidFiltersNameTheElement() {
    assertEquals("filters", rejected("{\"a\":1}").errors().get(0).field());
    assertEquals("filters", rejected("not json").errors().get(0).field());
    assertEquals("filters[0].property_name",
        rejected("[{\"property_name\":\"nope\",\"operator\":\"eq\",\"property_value\":1}]").errors().get(0).field());
    assertEquals("filters[0].operator",
        rejected("[{\"property_name\":\"count\",\"operator\":\"EQ\",\"property_value\":1}]").errors().get(0).field());
    assertEquals("filters[0].property_value",
        rejected("[{\"property_name\":\"count\",\"operator\":\"eq\",\"property_value\":1.5}]").errors().get(0).field());
    assertEquals("filters[0].property_value",
        rejected("[{\"property_name\":\"sensor\",\"operator\":\"eq\",\"property_value\":3}]").errors().get(0).field());
    assertEquals("filters[0].property_value",
        rejected("[{\"property_name\":\"count\",\"operator\":\"in\",\"property_value\":3}]").errors().get(0).field());
    assertEquals("filters[0].property_value",
        rejected("[{\"property_name\":\"ok\",\"operator\":\"lt\",\"property_value\":true}]").errors().get(0).field());
    assertEquals("filters[0].property_value",
        rejected("[{\"property_name\":\"count\",\"operator\":\"contains\",\"property_value\":1}]").errors().get(0).field());
    assertEquals("filters[0].property_value",
        rejected("[{\"property_name\":\"seen\",\"operator\":\"gt\",\"property_value\":\"2024-01-01\"}]").errors().get(0).field());
    assertEquals("filters[1].operands[0].operator", rejected("[{\"property_name\":\"count\",\"operator\":\"eq\","
        + "\"property_value\":1},{\"operator\":\"or\",\"operands\":[{\"property_name\":\"count\",\"operator\":\"x\","
        + "\"property_value\":1}]}]").errors().get(0).field());
  }

  @Test
  void errorsListEveryInvalidElement() {
    ApiException error = rejected("[{\"property_name\":\"nope\",\"operator\":\"eq\",\"property_value\":1},"
        + "{\"property_name\":\"count\",\"operator\":\"like\",\"property_value\":1}]");
    assertEquals(422, error.status());
    assertEquals(2, error.errors().size());
  }
}
