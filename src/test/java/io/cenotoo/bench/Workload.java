package io.cenotoo.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's records: the 200,000 flights of {@code flights-200k.json} from the npm package
 * vega-datasets 3.2.1 (delay, distance, time), read from {@code <project>/../shared/datasets/}.
 * Record {@code i} gets the key {@code "k" + (i % 100)} and a timestamp spread evenly over
 * {@link #DAYS} UTC days from {@link #FIRST_DAY}, so the rows fill 100 × 4 partitions of 500 rows.
 */
final class Workload {

  static final int KEYS = 100;
  static final int DAYS = 4;
  static final Instant FIRST_DAY = Instant.parse("2024-01-01T00:00:00Z");
  static final int BATCH_SIZE = 100;

  /** The collection schema of the flight fields. */
  static final JsonObject SCHEMA = new JsonObject().put("delay", "int").put("distance", "int").put("time", "float");

  private final List<JsonObject> records;
  private final List<Buffer> batches;
  private final List<Buffer> singles;

  private Workload(List<JsonObject> records) {
    this.records = records;
    this.batches = new ArrayList<>();
    for (int from = 0; from + BATCH_SIZE <= records.size(); from += BATCH_SIZE) {
      batches.add(new JsonArray(new ArrayList<>(records.subList(from, from + BATCH_SIZE))).toBuffer());
    }
    this.singles = records.stream().map(JsonObject::toBuffer).toList();
  }

  static Path datasetsDir() {
    return Path.of(System.getProperty("cenotoo.project.dir", "."), "..", "shared", "datasets").normalize();
  }

  static Workload load() throws IOException {
    Path file = datasetsDir().resolve("flights-200k.json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("Missing " + file + "; obtain it with `npm pack vega-datasets@3.2.1`"
          + " (package/data/flights-200k.json) or set -Dcenotoo.project.dir to the project directory");
    }
    JsonArray flights = new JsonArray(Files.readString(file));
    long spacingMillis = Duration.ofDays(DAYS).toMillis() / flights.size();
    List<JsonObject> records = new ArrayList<>(flights.size());
    for (int i = 0; i < flights.size(); i++) {
      JsonObject flight = flights.getJsonObject(i);
      records.add(new JsonObject()
          .put("key", "k" + (i % KEYS))
          .put("timestamp", FIRST_DAY.plusMillis(i * spacingMillis).toString())
          .put("delay", flight.getInteger("delay"))
          .put("distance", flight.getInteger("distance"))
          .put("time", flight.getDouble("time")));
    }
    return new Workload(records);
  }

  int size() {
    return records.size();
  }

  /** Record {@code i} as sent over HTTP. */
  JsonObject record(int i) {
    return records.get(i);
  }

  /** Returns the {@code n}-th 100-record request body, cycling through the file. */
  Buffer batchBody(long n) {
    return batches.get((int) (n % batches.size()));
  }

  /** Returns the {@code n}-th single-record request body, cycling through the file. */
  Buffer singleBody(long n) {
    return singles.get((int) (n % singles.size()));
  }

  static String key(int i) {
    return "k" + (i % KEYS);
  }
}
