package io.cenotoo.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldTypeTest {

  @Test
  void typeNamesMapToCqlTypes() {
    assertEquals("text", FieldType.fromTypeName("text").cqlType());
    assertEquals("bigint", FieldType.fromTypeName("int").cqlType());
    assertEquals("double", FieldType.fromTypeName("float").cqlType());
    assertEquals("boolean", FieldType.fromTypeName("bool").cqlType());
    assertEquals("date", FieldType.fromTypeName("date").cqlType());
    assertEquals("timestamp", FieldType.fromTypeName("timestamp").cqlType());
  }

  @Test
  void unknownTypeNameIsNull() {
    assertNull(FieldType.fromTypeName("decimal"));
    assertNull(FieldType.fromTypeName("INT"));
    assertNull(FieldType.fromTypeName(null));
  }

  @Test
  void listColumnCqlType() {
    Column column = new Column("tags", List.of("tags"), FieldType.INT, true);

    assertEquals("list<bigint>", column.cqlType());
  }
}
