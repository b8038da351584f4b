package io.cenotoo.bench;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import io.cenotoo.config.Setting;
import io.cenotoo.storage.DataTables;
import io.cenotoo.testing.Api;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * get_data for one key and one UTC day with {@code limit=100} against the raw driver query that
 * returns the same 100 rows from the same table. Requests go one at a time, alternating blocks of
 * {@link #BLOCK} between the two, over the 400 key-day partitions of the storage collection.
 */
final class ReadBench {

  private static final int BLOCK = 250;

  /** Latency percentiles in microseconds. */
  record Result(double cenotooP50, double cenotooP99, double rawP50, double rawP99) {
  }

  private ReadBench() {
  }

  static Result run(BenchContext context, String collectionPath, UUID collectionId, int requestsEach)
      throws InterruptedException, ExecutionException, TimeoutException {
    String table = DataTables.qualified(context.kafkaConfig.get(Setting.CASSANDRA_DATA_KEYSPACE), collectionId);
    PreparedStatement select = context.cassandra.prepare("SELECT * FROM " + table
        + " WHERE key = ? AND day = ? AND timestamp >= ? AND timestamp <= ? LIMIT 100");
    Histogram cenotoo = new Histogram(3);
    Histogram raw = new Histogram(3);
    LocalDate firstDay = LocalDate.ofInstant(Workload.FIRST_DAY, ZoneOffset.UTC);

    int done = 0;
    while (done < requestsEach) {
      int blockEnd = Math.min(done + BLOCK, requestsEach);
      for (int i = done; i < blockEnd; i++) {
        Partition p = partition(i, firstDay);
        String uri = collectionPath + "/get_data" + Api.query(Map.of("key", p.key(), "start_time", p.start().toString(),
            "end_time", p.end().toString(), "limit", "100"));
        long start = System.nanoTime();
        var response = context.send(HttpMethod.GET, uri, null).toCompletableFuture().get(30, TimeUnit.SECONDS);
        cenotoo.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
        int rows = response.statusCode() == 200 ? new JsonObject(response.body()).getJsonArray("data").size() : -1;
        if (rows != 100) {
          throw new IllegalStateException("get_data " + uri + " returned " + response.statusCode() + " with " + rows
              + " records instead of 100: " + response.bodyAsString());
        }
      }
      for (int i = done; i < blockEnd; i++) {
        Partition p = partition(i, firstDay);
        long start = System.nanoTime();
        ResultSet rows = context.cassandra.execute(select.bind(p.key(), p.day(), p.start(), p.end()));
        int count = rows.all().size();
        raw.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
        if (count != 100) {
          throw new IllegalStateException("The raw query returned " + count + " rows instead of 100 for " + p);
        }
      }
      done = blockEnd;
    }
    return new Result(cenotoo.getValueAtPercentile(50), cenotoo.getValueAtPercentile(99),
        raw.getValueAtPercentile(50), raw.getValueAtPercentile(99));
  }

  private record Partition(String key, LocalDate day, Instant start, Instant end) {
  }

  private static Partition partition(int i, LocalDate firstDay) {
    LocalDate day = firstDay.plusDays((i / Workload.KEYS) % Workload.DAYS);
    Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    return new Partition("k" + (i % Workload.KEYS), day, start, start.plusSeconds(86_400).minusMillis(1));
  }
}
