package io.cenotoo.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectionSchemaTest {

  private static final String FULL = "{\"sensor\": \"text\", \"value\": \"float\", \"count\": \"int\","
      + " \"ok\": \"bool\", \"day_of_visit\": \"date\", \"seen\": \"timestamp\","
      + " \"loc\": {\"lat\": \"float\", \"lon\": \"float\"}, \"tags\": [\"text\"]}";

  private static List<FieldError> errorsOf(String definition) {
    ApiException e = assertThrows(ApiException.class,
        () -> CollectionSchema.parse(new JsonObject(definition)));
    assertEquals(422, e.status());
    return e.errors();
  }

  private static FieldError onlyError(String definition) {
    List<FieldError> errors = errorsOf(definition);
    assertEquals(1, errors.size(), errors.toString());
    return errors.get(0);
  }

  private static void assertContains(String text, String... parts) {
    for (String part : parts) {
      assertTrue(text.contains(part), () -> "expected '" + part + "' in: " + text);
    }
  }

  @Test
  void columnsFollowDeclarationOrder() {
    CollectionSchema schema = CollectionSchema.parse(new JsonObject(FULL));

    List<String> names = schema.columns().stream().map(Column::name).toList();
    assertEquals(List.of("sensor", "value", "count", "ok", "day_of_visit", "seen", "loc$lat",
        "loc$lon", "tags"), names);
  }

  @Test
  void columnsCarryTypesAndCqlTypes() {
    CollectionSchema schema = CollectionSchema.parse(new JsonObject(FULL));

    assertEquals("text", schema.column("sensor").cqlType());
    assertEquals("double", schema.column("value").cqlType());
    assertEquals("bigint", schema.column("count").cqlType());
    assertEquals("boolean", schema.column("ok").cqlType());
    assertEquals("date", schema.column("day_of_visit").cqlType());
    assertEquals("timestamp", schema.column("seen").cqlType());
    assertEquals("list<text>", schema.column("tags").cqlType());
    assertTrue(schema.column("tags").list());
    assertEquals(FieldType.TEXT, schema.column("tags").type());
  }

  @Test
  void nestedColumnHasPath() {
    CollectionSchema schema = CollectionSchema.parse(new JsonObject(FULL));

    Column lat = schema.column("loc$lat");
    assertEquals(List.of("loc", "lat"), lat.path());
    assertEquals("loc.lat", lat.jsonPath());
    assertEquals(FieldType.FLOAT, lat.type());
    assertFalse(lat.list());
  }

  @Test
  void unknownColumnIsNull() {
    CollectionSchema schema = CollectionSchema.parse(new JsonObject(FULL));

    assertNull(schema.column("loc"));
    assertNull(schema.column("nothing"));
  }

  @Test
  void deepNestingFlattens() {
    CollectionSchema schema =
        CollectionSchema.parse(new JsonObject("{\"a\": {\"b\": {\"c\": [\"int\"]}}}"));

    Column column = schema.column("a$b$c");
    assertNotNull(column);
    assertEquals("list<bigint>", column.cqlType());
  }

  @Test
  void definitionRoundTrip() {
    CollectionSchema schema = CollectionSchema.parse(new JsonObject(FULL));

    CollectionSchema loaded = CollectionSchema.decode(schema.definition().encode());

    assertEquals(schema, loaded);
    assertEquals(schema.columns(), loaded.columns());
    assertEquals(new JsonObject(FULL), loaded.definition());
    assertEquals(schema.encode(), loaded.encode());
  }

  @Test
  void definitionIsCopy() {
    CollectionSchema schema = CollectionSchema.parse(new JsonObject(FULL));

    schema.definition().put("extra", "int");
    schema.definition().getJsonObject("loc").put("alt", "float");

    assertEquals(new JsonObject(FULL), schema.definition());
  }

  @Test
  void keyDeclaredAsTextIsIgnored() {
    CollectionSchema schema =
        CollectionSchema.parse(new JsonObject("{\"key\": \"text\", \"v\": \"int\"}"));

    assertEquals(List.of("v"), schema.columns().stream().map(Column::name).toList());
    assertEquals(new JsonObject("{\"v\": \"int\"}"), schema.definition());
  }

  @Test
  void keyWithOtherTypeRejected() {
    FieldError error = onlyError("{\"key\": \"int\", \"v\": \"int\"}");

    assertEquals("key", error.field());
    assertContains(error.message(), "'key'", "reserved", "\"text\"");
  }

  @Test
  void reservedNamesRejected() {
    for (String name : List.of("timestamp", "day", "record_id", "Timestamp", "KEY")) {
      FieldError error = onlyError("{\"" + name + "\": \"text\", \"v\": \"int\"}");

      assertEquals(name, error.field());
      assertContains(error.message(), "'" + name + "'", "reserved");
    }
  }

  @Test
  void reservedNamesAllowedWhenNested() {
    CollectionSchema schema = CollectionSchema.parse(
        new JsonObject("{\"g\": {\"key\": \"int\", \"timestamp\": \"timestamp\", \"day\": \"date\"}}"));

    assertNotNull(schema.column("g$key"));
    assertNotNull(schema.column("g$timestamp"));
    assertNotNull(schema.column("g$day"));
  }

  @Test
  void unknownTypeRejected() {
    FieldError error = onlyError("{\"price\": \"decimal\"}");

    assertEquals("price", error.field());
    assertEquals("Unknown type 'decimal'; use one of text, int, float, bool, date, timestamp,"
        + " a nested object, or a one-element list such as [\"int\"].", error.message());
  }

  @Test
  void typeNamesAreCaseSensitive() {
    FieldError error = onlyError("{\"price\": \"Int\"}");

    assertContains(error.message(), "Unknown type 'Int'");
  }

  @Test
  void nonStringTypeRejected() {
    FieldError error = onlyError("{\"price\": 5}");

    assertEquals("price", error.field());
    assertContains(error.message(), "type name", "got the number 5");
  }

  @Test
  void nullTypeRejected() {
    FieldError error = onlyError("{\"price\": null}");

    assertContains(error.message(), "got null");
  }

  @Test
  void nestedErrorNamesPath() {
    FieldError error = onlyError("{\"loc\": {\"lat\": \"double\", \"lon\": \"float\"}}");

    assertEquals("loc.lat", error.field());
    assertContains(error.message(), "Unknown type 'double'");
  }

  @Test
  void badNamesRejected() {
    for (String name : List.of("1abc", "_abc", "a-b", "a b", "", "é")) {
      FieldError error = onlyError("{\"" + name + "\": \"text\", \"v\": \"int\"}");

      assertEquals(name, error.field());
      assertContains(error.message(), "'" + name + "'", "start with a letter",
          "letters, digits and '_'");
    }
  }

  @Test
  void dollarInNameRejected() {
    FieldError error = onlyError("{\"a$b\": \"text\"}");

    assertEquals("a$b", error.field());
    assertContains(error.message(), "'$'", "reserved", "nested");
  }

  @Test
  void nameOf48CharactersAccepted() {
    String name = "a".repeat(48);

    CollectionSchema schema = CollectionSchema.parse(new JsonObject().put(name, "int"));

    assertNotNull(schema.column(name));
  }

  @Test
  void tooLongFlattenedNameRejected() {
    String inner = "b".repeat(40);
    JsonObject definition = new JsonObject()
        .put("location", new JsonObject().put(inner, "float"));

    ApiException e = assertThrows(ApiException.class, () -> CollectionSchema.parse(definition));

    assertEquals(1, e.errors().size());
    FieldError error = e.errors().get(0);
    assertEquals("location." + inner, error.field());
    assertContains(error.message(), "location$" + inner, "49 characters", "maximum is 48");
  }

  @Test
  void listOfObjectsRejected() {
    FieldError error = onlyError("{\"points\": [{\"x\": \"int\"}]}");

    assertEquals("points", error.field());
    assertContains(error.message(), "list of objects", "not supported");
  }

  @Test
  void listOfListsRejected() {
    FieldError error = onlyError("{\"grid\": [[\"int\"]]}");

    assertEquals("grid", error.field());
    assertContains(error.message(), "list of lists", "not supported");
  }

  @Test
  void listWithTwoTypesRejected() {
    FieldError error = onlyError("{\"tags\": [\"text\", \"int\"]}");

    assertEquals("tags", error.field());
    assertContains(error.message(), "one-element", "got 2 elements");
  }

  @Test
  void emptyListTypeRejected() {
    FieldError error = onlyError("{\"tags\": []}");

    assertContains(error.message(), "one-element", "got 0 elements");
  }

  @Test
  void unknownListElementTypeRejected() {
    FieldError error = onlyError("{\"tags\": [\"decimal\"]}");

    assertEquals("tags", error.field());
    assertContains(error.message(), "Unknown list element type 'decimal'");
  }

  @Test
  void emptySchemaRejected() {
    FieldError error = onlyError("{}");

    assertEquals("", error.field());
    assertContains(error.message(), "no fields");
  }

  @Test
  void schemaWithOnlyKeyRejected() {
    FieldError error = onlyError("{\"key\": \"text\"}");

    assertContains(error.message(), "no fields");
  }

  @Test
  void nullSchemaRejected() {
    ApiException e = assertThrows(ApiException.class, () -> CollectionSchema.parse(null));

    assertEquals(422, e.status());
    assertContains(e.errors().get(0).message(), "missing");
  }

  @Test
  void emptyNestedObjectRejected() {
    FieldError error = onlyError("{\"loc\": {}}");

    assertEquals("loc", error.field());
    assertContains(error.message(), "declares no fields");
  }

  @Test
  void caseDuplicateNamesRejected() {
    FieldError error = onlyError("{\"temp\": \"float\", \"Temp\": \"float\"}");

    assertEquals("Temp", error.field());
    assertContains(error.message(), "'Temp'", "'temp'", "case");
  }

  @Test
  void caseDuplicateNestedNamesRejected() {
    FieldError error = onlyError("{\"loc\": {\"lat\": \"float\", \"LAT\": \"float\"}}");

    assertEquals("loc.LAT", error.field());
  }

  @Test
  void sameNameInDifferentGroupsAccepted() {
    CollectionSchema schema = CollectionSchema.parse(
        new JsonObject("{\"a\": {\"x\": \"int\"}, \"b\": {\"x\": \"int\"}, \"x\": \"int\"}"));

    assertEquals(3, schema.columns().size());
  }

  @Test
  void tooManyColumnsRejected() {
    JsonObject definition = new JsonObject();
    for (int i = 0; i <= CollectionSchema.MAX_COLUMNS; i++) {
      definition.put("f" + i, "int");
    }

    ApiException e = assertThrows(ApiException.class, () -> CollectionSchema.parse(definition));

    assertEquals(1, e.errors().size());
    assertEquals("", e.errors().get(0).field());
    assertContains(e.errors().get(0).message(), "501 columns", "maximum is 500");
  }

  @Test
  void maxColumnsAccepted() {
    JsonObject definition = new JsonObject();
    for (int i = 0; i < CollectionSchema.MAX_COLUMNS; i++) {
      definition.put("f" + i, "int");
    }

    assertEquals(500, CollectionSchema.parse(definition).columns().size());
  }

  @Test
  void allProblemsReported() {
    ApiException e = assertThrows(ApiException.class, () -> CollectionSchema.parse(new JsonObject(
        "{\"a\": \"decimal\", \"b$c\": \"int\", \"day\": \"date\", \"loc\": {\"lat\": \"real\"},"
            + " \"ok\": \"bool\"}")));

    List<String> fields = e.errors().stream().map(FieldError::field).toList();
    assertEquals(List.of("a", "b$c", "day", "loc.lat"), fields);
    assertEquals("Invalid collection_schema: 4 problems; see errors.", e.getMessage());
  }

  @Test
  void singleProblemDetail() {
    ApiException e = assertThrows(ApiException.class,
        () -> CollectionSchema.parse(new JsonObject("{\"a\": \"decimal\"}")));

    assertEquals("Invalid collection_schema: 1 problem; see errors.", e.getMessage());
  }

  @Test
  void decodeRejectsNonObject() {
    ApiException e = assertThrows(ApiException.class, () -> CollectionSchema.decode("[1]"));

    assertEquals(422, e.status());
  }
}
