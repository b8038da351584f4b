package io.cenotoo.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The 2,000 real flights of examples/data/flights-2k.json as collection records: key = origin airport,
 * timestamp = the departure date read as UTC, and delay, distance and destination as fields.
 */
public final class Flights {

  /** The collection schema of the records. */
  public static final JsonObject SCHEMA = new JsonObject().put("delay", "int").put("distance", "int")
      .put("destination", "text");
  private static final Path FILE = Path.of(System.getProperty("cenotoo.project.dir", "."), "examples", "data",
      "flights-2k.json");

  private Flights() {
  }

  /** Reads the file and returns every flight as a record, in file order. */
  public static JsonArray records() throws IOException {
    JsonArray records = new JsonArray();
    new JsonArray(Files.readString(FILE)).forEach(flight -> records.add(toRecord((JsonObject) flight)));
    return records;
  }

  /** Turns one flight of the file, with a {@code YYYY/MM/DD HH:MM} date, into a record. */
  public static JsonObject toRecord(JsonObject flight) {
    String date = flight.getString("date");
    String timestamp = date.substring(0, 10).replace('/', '-') + "T" + date.substring(11) + ":00Z";
    return new JsonObject()
        .put("key", flight.getString("origin"))
        .put("timestamp", timestamp)
        .put("delay", flight.getInteger("delay"))
        .put("distance", flight.getInteger("distance"))
        .put("destination", flight.getString("destination"));
  }
}
