package io.cenotoo.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cenotoo.error.ApiException;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void validNamesPass() {
    assertEquals("Sensor_01", Names.require("name", "Sensor_01"));
    assertEquals("9lives", Names.require("name", "9lives"));
    assertEquals("a".repeat(Names.MAX_LENGTH), Names.require("name", "a".repeat(Names.MAX_LENGTH)));
  }

  @Test
  void invalidNamesAre422NamingTheField() {
    for (String field : new String[] {"organization_name", "project_name", "name", "username"}) {
      for (String value : new String[] {null, "", " ", "a b", "a$b", "a-b", "é", "a".repeat(Names.MAX_LENGTH + 1)}) {
        ApiException failure = assertThrows(ApiException.class, () -> Names.require(field, value), field + "=" + value);

        assertEquals(422, failure.status());
        assertEquals(field, failure.errors().get(0).field());
        assertEquals("Invalid " + field + " '" + value + "'.", failure.getMessage());
        assertEquals("Names are 1 to 48 characters of Latin letters, digits and underscores.",
            failure.errors().get(0).message());
      }
    }
  }
}
