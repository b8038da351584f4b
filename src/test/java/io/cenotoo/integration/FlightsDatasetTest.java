package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.cenotoo.testing.Flights;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the 2,000 real flights of examples/data/flights-2k.json over HTTP and reads every one back.
 * Key = origin airport, timestamp = the flight's date read as UTC.
 */
class FlightsDatasetTest {

  private static final int BATCH_SIZE = 250;

  private static Api api;
  private static String path;
  private static Auth writeKey;

  @BeforeAll
  static void loadFlights() throws IOException {
    api = Api.forTestNode();
    Auth admin = Auth.bearer(api.adminToken());
    String projectId = api.createProject(admin);
    writeKey = Auth.key(api.createKey(projectId, "write", admin));
    path = Api.collectionPath(projectId, api.createCollection(projectId, "flights", Flights.SCHEMA, admin));

    JsonArray records = Flights.records();
    for (int from = 0; from < records.size(); from += BATCH_SIZE) {
      JsonArray batch = new JsonArray();
      for (int i = from; i < Math.min(from + BATCH_SIZE, records.size()); i++) {
        batch.add(records.getJsonObject(i));
      }
      Response sent = api.post(path + "/send_data", batch, writeKey);
      assertEquals(200, sent.status(), sent.toString());
      assertEquals(batch.size(), sent.json().getInteger("processed_count"));
    }
  }

  @Test
  void everyFlightIsReadBackExactlyOnce() {
    api.awaitData(path + "/get_data?limit=1000&offset=1999", writeKey, r -> r.json().getJsonArray("data").size() == 1);

    Set<String> ids = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      String query = cursor == null ? "?limit=1000" : Api.query(Map.of("limit", "1000", "cursor", cursor));
      Response page = api.get(path + "/get_data" + query, writeKey);
      assertEquals(200, page.status(), page.toString());
      page.json().getJsonArray("data").forEach(record -> ids.add(((JsonObject) record).getString("record_id")));
      cursor = page.json().getString("next_cursor");
      pages++;
    } while (cursor != null);

    assertEquals(2000, ids.size());
    assertEquals(2, pages);
  }

  @Test
  void originCountsMatchTheFile() {
    api.awaitData(path + "/get_data?limit=1000&offset=1999", writeKey, r -> r.json().getJsonArray("data").size() == 1);

    assertEquals(119, countKey("ORD"));
    assertEquals(102, countKey("DFW"));
  }

  @Test
  void sameOriginMinuteFlightsKept() {
    api.awaitData(path + "/get_data?limit=1000&offset=1999", writeKey, r -> r.json().getJsonArray("data").size() == 1);
    Response all = api.get(path + "/get_data" + Api.query(Map.of("key", "ORD", "limit", "1000")), writeKey);

    Set<String> timestamps = new HashSet<>();
    int duplicates = 0;
    for (Object record : all.json().getJsonArray("data")) {
      if (!timestamps.add(((JsonObject) record).getString("timestamp"))) {
        duplicates++;
      }
    }
    assertFalse(all.json().getBoolean("has_more"));
    assertEquals(119, all.json().getJsonArray("data").size());
    assertEquals(119 - timestamps.size(), duplicates);
  }

  private static int countKey(String key) {
    Response response = api.get(path + "/get_data" + Api.query(Map.of("key", key, "limit", "1000")), writeKey);
    assertEquals(200, response.status(), response.toString());
    assertFalse(response.json().getBoolean("has_more"));
    assertEquals(response.json().getJsonArray("data").size(), response.json().getInteger("total_count"));
    return response.json().getJsonArray("data").size();
  }
}
