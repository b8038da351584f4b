package io.cenotoo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvTest {

  @Test
  void plainFieldsStayUnquoted() {
    assertEquals("a,1,2.5,true\r\n", Csv.row(Arrays.asList("a", 1, 2.5, true)));
  }

  @Test
  void specialCharactersAreQuoted() {
    assertEquals("\"a,b\"", Csv.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
    assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
  }

  @Test
  void nullIsEmptyAndListsAreJson() {
    assertEquals(",\"[1,2]\"\r\n", Csv.row(Arrays.asList(null, new JsonArray().add(1).add(2))));
  }
}
