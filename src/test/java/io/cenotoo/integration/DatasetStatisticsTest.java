package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Flights;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statistics over two real datasets, checked against values this test computes from the files:
 * examples/data/seattle-weather.csv (1,461 days, key "seattle", timestamp = the date at 00:00 UTC) and
 * the 20,000 flights of flights-20k.json, read from ../shared/datasets/ next to the project, where
 * the dataset collection lives (key = origin airport, timestamp = the flight's date read as UTC).
 */
class DatasetStatisticsTest {

  private static final Path PROJECT = Path.of(System.getProperty("cenotoo.project.dir", "."));
  private static final Path WEATHER = PROJECT.resolve("examples/data/seattle-weather.csv");
  private static final Path FLIGHTS = PROJECT.resolve("../shared/datasets/flights-20k.json");
  private static final int BATCH_SIZE = 500;

  private static Api api;
  private static Auth key;
  private static String weatherPath;
  private static String flightsPath;
  private static List<String[]> weatherRows;
  private static JsonArray flights;

  @BeforeAll
  static void loadDatasets() throws IOException {
    api = Api.forTestNode();
    Auth admin = Auth.bearer(api.adminToken());
    String projectId = api.createProject(admin);
    key = Auth.key(api.createKey(projectId, "write", admin));

    JsonObject weatherSchema = new JsonObject().put("precipitation", "float").put("temp_max", "float")
        .put("temp_min", "float").put("wind", "float").put("weather", "text");
    weatherPath = Api.collectionPath(projectId, api.createCollection(projectId, "weather", weatherSchema, admin));
    weatherRows = new ArrayList<>();
    List<String> lines = Files.readAllLines(WEATHER);
    JsonArray records = new JsonArray();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",");
      weatherRows.add(fields);
      records.add(new JsonObject().put("key", "seattle").put("timestamp", fields[0] + "T00:00:00Z")
          .put("precipitation", Double.parseDouble(fields[1])).put("temp_max", Double.parseDouble(fields[2]))
          .put("temp_min", Double.parseDouble(fields[3])).put("wind", Double.parseDouble(fields[4]))
          .put("weather", fields[5]));
    }
    send(weatherPath, records);

    JsonObject flightSchema = new JsonObject().put("delay", "int").put("distance", "int").put("destination", "text");
    flightsPath = Api.collectionPath(projectId, api.createCollection(projectId, "flights", flightSchema, admin));
    flights = new JsonArray(Files.readString(FLIGHTS));
    JsonArray flightRecords = new JsonArray();
    flights.forEach(flight -> flightRecords.add(Flights.toRecord((JsonObject) flight)));
    send(flightsPath, flightRecords);

    awaitCount(weatherPath, weatherRows.size());
    awaitCount(flightsPath, flights.size());
  }

  private static void send(String path, JsonArray records) {
    for (int from = 0; from < records.size(); from += BATCH_SIZE) {
      JsonArray batch = new JsonArray(records.getList().subList(from, Math.min(from + BATCH_SIZE, records.size())));
      Response sent = api.post(path + "/send_data", batch, key);
      assertEquals(200, sent.status(), sent.toString());
    }
  }

  /** Waits until the count statistic over all time reaches the number of records sent. */
  private static void awaitCount(String path, long expected) {
    long deadline = System.currentTimeMillis() + 120_000;
    long total = -1;
    while (System.currentTimeMillis() < deadline) {
      Response response = api.get(path + "/statistics?stat=count&interval=every_10000_months", key);
      assertEquals(200, response.status(), response.toString());
      total = 0;
      for (Object row : response.array()) {
        total += ((JsonObject) row).getLong("count");
      }
      if (total == expected) {
        return;
      }
      sleep(500);
    }
    throw new AssertionError("Stored " + total + " of " + expected + " records within 120 s at " + path);
  }

  private static JsonArray statistics(String path, Map<String, String> parameters) {
    Response response = api.get(path + "/statistics" + Api.query(parameters), key);
    assertEquals(200, response.status(), response.toString());
    return response.array();
  }

  private static double average(List<BigDecimal> values) {
    BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    return sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64).doubleValue();
  }

  @Test
  void weatherMonthlyAverageOfTempMaxMatchesFile() {
    Map<String, List<BigDecimal>> byMonth = new TreeMap<>();
    for (String[] row : weatherRows) {
      byMonth.computeIfAbsent(row[0].substring(0, 7), m -> new ArrayList<>()).add(new BigDecimal(row[2]));
    }

    JsonArray rows = statistics(weatherPath, Map.of("attribute", "temp_max", "stat", "avg", "interval", "every_1_months"));

    assertEquals(byMonth.size(), rows.size());
    int i = 0;
    for (Map.Entry<String, List<BigDecimal>> month : byMonth.entrySet()) {
      JsonObject row = rows.getJsonObject(i++);
      assertEquals(month.getKey() + "-01T00:00:00Z", row.getString("interval_start"));
      assertEquals(average(month.getValue()), row.getDouble("avg_temp_max"), 0.0, month.getKey());
    }
  }

  @Test
  void weatherYearlyMaximumMatchesFileWithFilter() {
    Map<String, Double> byYear = new TreeMap<>();
    Map<String, Double> rainyByYear = new TreeMap<>();
    for (String[] row : weatherRows) {
      byYear.merge(row[0].substring(0, 4), Double.parseDouble(row[2]), Math::max);
      if (row[5].equals("rain")) {
        rainyByYear.merge(row[0].substring(0, 4), Double.parseDouble(row[2]), Math::max);
      }
    }

    JsonArray rows = statistics(weatherPath, Map.of("attribute", "temp_max", "stat", "max", "interval", "every_12_months"));
    JsonArray rainy = statistics(weatherPath, Map.of("attribute", "temp_max", "stat", "max", "interval", "every_12_month",
        "filters", "[{\"property_name\":\"weather\",\"operator\":\"eq\",\"property_value\":\"rain\"}]"));

    assertEquals(new ArrayList<>(byYear.values()), maxima(rows));
    assertEquals(new ArrayList<>(rainyByYear.values()), maxima(rainy));
    assertEquals("2012-01-01T00:00:00Z", rows.getJsonObject(0).getString("interval_start"));
  }

  private static List<Double> maxima(JsonArray rows) {
    List<Double> maxima = new ArrayList<>();
    rows.forEach(row -> maxima.add(((JsonObject) row).getDouble("max_temp_max")));
    return maxima;
  }

  @Test
  void flightMonthlyStatsMatchFile() {
    Map<String, Long> counts = new TreeMap<>();
    Map<String, List<BigDecimal>> delays = new TreeMap<>();
    for (Object item : flights) {
      JsonObject flight = (JsonObject) item;
      String origin = flight.getString("origin");
      String month = flight.getString("date").substring(0, 7).replace('/', '-');
      counts.merge(origin + " " + month, 1L, Long::sum);
      delays.computeIfAbsent(origin + " " + month, k -> new ArrayList<>()).add(BigDecimal.valueOf(flight.getLong("delay")));
    }

    JsonArray countRows = statistics(flightsPath, Map.of("stat", "count", "interval", "every_1_months"));
    JsonArray delayRows = statistics(flightsPath, Map.of("attribute", "delay", "stat", "avg", "interval", "every_1_month"));

    assertEquals(counts.size(), countRows.size());
    assertEquals(delays.size(), delayRows.size());
    for (int i = 0; i < countRows.size(); i++) {
      JsonObject count = countRows.getJsonObject(i);
      String cell = count.getString("key") + " " + count.getString("interval_start").substring(0, 7);
      assertEquals(counts.get(cell), count.getLong("count"), cell);
      JsonObject delay = delayRows.getJsonObject(i);
      assertEquals(average(delays.get(cell)), delay.getDouble("avg_delay"), 0.0, cell);
    }
    assertEquals(1103L, counts.entrySet().stream().filter(e -> e.getKey().startsWith("DFW ")).mapToLong(Map.Entry::getValue).sum());
  }

  @Test
  void flightsPerOriginCountMatchesFileWhenStreamed() {
    Map<String, Long> counts = new TreeMap<>();
    for (Object item : flights) {
      counts.merge(((JsonObject) item).getString("origin"), 1L, Long::sum);
    }

    JsonArray rows = statistics(flightsPath, Map.of("stat", "count", "attribute", "delay", "interval", "every_1_hours",
        "filters", "[{\"property_name\":\"distance\",\"operator\":\"ge\",\"property_value\":0}]"));

    Map<String, Long> stored = new TreeMap<>();
    rows.forEach(row -> stored.merge(((JsonObject) row).getString("key"), ((JsonObject) row).getLong("count_delay"), Long::sum));
    assertEquals(counts, stored);
    assertEquals(1095L, stored.get("ORD"));
  }

  /**
   * Over most of the flights' 6,901 (origin, day) partitions, of 2.9 records each on average, the reader scans
   * the table after the first index page of partitions instead of querying each one. The range starts and
   * ends within a day, so the scan must drop rows by time as well as by day, and the partitions of
   * the first index page must not count twice.
   */
  @Test
  void flightDailyStatsInTimeRangeMatchFile() {
    Instant start = Instant.parse("2001-01-10T12:00:00Z");
    Instant end = Instant.parse("2001-03-20T06:30:00Z");
    Map<String, List<BigDecimal>> delays = new TreeMap<>();
    for (Object item : flights) {
      JsonObject record = Flights.toRecord((JsonObject) item);
      Instant timestamp = Instant.parse(record.getString("timestamp"));
      if (!timestamp.isBefore(start) && !timestamp.isAfter(end)) {
        delays.computeIfAbsent(record.getString("key") + " " + timestamp.toString().substring(0, 10),
            k -> new ArrayList<>()).add(BigDecimal.valueOf(record.getLong("delay")));
      }
    }
    Map<String, String> range = Map.of("attribute", "delay", "interval", "every_1_days",
        "start_time", start.toString(), "end_time", end.toString());
    Map<String, String> filtered = new HashMap<>(range);
    filtered.put("filters", "[{\"property_name\":\"distance\",\"operator\":\"ge\",\"property_value\":0}]");

    double queriesBefore = statsQueries();
    assertTrue(queriesBefore > 0, "no stats session requests in /metrics");
    JsonArray averages = statistics(flightsPath, with(range, "stat", "avg"));
    double queries = statsQueries() - queriesBefore;
    JsonArray sums = statistics(flightsPath, with(filtered, "stat", "sum"));

    assertEquals(delays.size(), averages.size());
    assertEquals(delays.size(), sums.size());
    int i = 0;
    for (Map.Entry<String, List<BigDecimal>> cell : delays.entrySet()) {
      JsonObject average = averages.getJsonObject(i);
      JsonObject sum = sums.getJsonObject(i++);
      assertEquals(cell.getKey(), average.getString("key") + " " + average.getString("interval_start").substring(0, 10));
      assertEquals(average(cell.getValue()), average.getDouble("avg_delay"), 0.0, cell.getKey());
      assertEquals(cell.getValue().stream().reduce(BigDecimal.ZERO, BigDecimal::add).longValueExact(),
          sum.getLong("sum_delay"), cell.getKey());
    }
    assertTrue(queries < 2_000, "the statistics took " + queries + " Cassandra queries for "
        + delays.size() + " partitions in range");
  }

  private static Map<String, String> with(Map<String, String> parameters, String name, String value) {
    Map<String, String> all = new HashMap<>(parameters);
    all.put(name, value);
    return all;
  }

  /** Returns the number of requests that the stats owner's Cassandra session completed, from /metrics. */
  private static double statsQueries() {
    String series = "cenotoo_stats_cql_requests_seconds_count";
    return api.get("/metrics", Auth.NONE).raw().body().lines()
        .filter(line -> line.startsWith(series))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
