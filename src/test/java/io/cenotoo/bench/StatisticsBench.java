package io.cenotoo.bench;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.cenotoo.config.Setting;
import io.cenotoo.storage.DataTables;
import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code avg} of {@code delay} per UTC day per key, by the statistics operation, against a raw
 * driver read of the same rows with the average computed here. Two sizes: the 20,000 flights of
 * {@code flights-20k.json} (key = origin, timestamp = departure read as UTC) and the 200,000 rows of
 * the storage collection. Each side runs {@link #REPEATS} times, alternating, and reports its median.
 */
final class StatisticsBench {

  static final int REPEATS = 3;
  private static final String QUERY = "?attribute=delay&stat=avg&interval=every_1_days";

  /** Median seconds of one full computation on each side, and the number of (key, day) groups. */
  record Result(double cenotooSeconds, double rawSeconds, int groups) {
  }

  private StatisticsBench() {
  }

  /** Returns why the scenario cannot run against this node, or null when it can. */
  static String skipReason(String contract) {
    return contract.contains("operationId: getStatistics") ? null : "the node's /openapi.yaml has no statistics operation";
  }

  /** Loads flights-20k.json into a new collection and returns its path and id. */
  static Loaded loadFlights(BenchContext context, Path datasets) throws Exception {
    Auth admin = Auth.bearer(context.api.adminToken());
    JsonObject schema = new JsonObject().put("delay", "int").put("distance", "int").put("destination", "text");
    String collectionId = context.api.createCollection(context.projectId, "stats_flights", schema, admin);
    String path = Api.collectionPath(context.projectId, collectionId);
    JsonArray flights = new JsonArray(Files.readString(datasets.resolve("flights-20k.json")));
    for (int from = 0; from < flights.size(); from += 1000) {
      JsonArray batch = new JsonArray();
      for (int i = from; i < Math.min(from + 1000, flights.size()); i++) {
        JsonObject flight = flights.getJsonObject(i);
        String date = flight.getString("date");
        batch.add(new JsonObject().put("key", flight.getString("origin"))
            .put("timestamp", date.substring(0, 10).replace('/', '-') + "T" + date.substring(11) + ":00Z")
            .put("delay", flight.getInteger("delay")).put("distance", flight.getInteger("distance"))
            .put("destination", flight.getString("destination")));
      }
      var response = context.send(HttpMethod.POST, path + "/send_data", batch.toBuffer()).toCompletableFuture()
          .get(60, TimeUnit.SECONDS);
      if (response.statusCode() != 200) {
        throw new IllegalStateException("Loading flights-20k failed: " + response.bodyAsString());
      }
    }
    context.awaitSinkCaughtUp(Duration.ofMinutes(3));
    return new Loaded(path, UUID.fromString(collectionId), flights.size());
  }

  /** A collection with its API path and size. */
  record Loaded(String path, UUID id, int rows) {
  }

  static Result run(BenchContext context, String path, UUID collectionId) throws Exception {
    double[] cenotoo = new double[REPEATS];
    double[] raw = new double[REPEATS];
    int groups = 0;
    for (int i = 0; i < REPEATS; i++) {
      long start = System.nanoTime();
      var response = context.send(HttpMethod.GET, path + "/statistics" + QUERY, (Buffer) null).toCompletableFuture()
          .get(300, TimeUnit.SECONDS);
      cenotoo[i] = (System.nanoTime() - start) / 1e9;
      if (response.statusCode() != 200) {
        throw new IllegalStateException("statistics returned " + response.statusCode() + ": " + response.bodyAsString());
      }
      groups = new JsonArray(response.body()).size();

      start = System.nanoTime();
      int rawGroups = rawAverages(context, collectionId).size();
      raw[i] = (System.nanoTime() - start) / 1e9;
      if (rawGroups != groups) {
        throw new IllegalStateException("statistics returned " + groups + " groups, the raw read " + rawGroups);
      }
    }
    return new Result(median(cenotoo), median(raw), groups);
  }

  /** Reads every row of the table with driver paging and averages delay per (key, UTC day). */
  private static Map<String, double[]> rawAverages(BenchContext context, UUID collectionId) {
    String table = DataTables.qualified(context.kafkaConfig.get(Setting.CASSANDRA_DATA_KEYSPACE), collectionId);
    Map<String, double[]> sums = new HashMap<>();
    for (Row row : context.cassandra.execute(SimpleStatement.newInstance("SELECT key, timestamp, delay FROM " + table)
        .setPageSize(5000))) {
      if (row.isNull("delay")) {
        continue;
      }
      LocalDate day = LocalDate.ofInstant(row.getInstant("timestamp"), ZoneOffset.UTC);
      double[] sum = sums.computeIfAbsent(row.getString("key") + "|" + day, k -> new double[2]);
      sum[0] += row.getLong("delay");
      sum[1]++;
    }
    return sums;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
