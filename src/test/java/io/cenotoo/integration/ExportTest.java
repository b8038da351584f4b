package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.cenotoo.testing.Flights;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** get_data as a stream: every record of the 2,000 real flights as NDJSON and as CSV. */
class ExportTest {

  private static Api api;
  private static String path;
  private static Auth key;

  @BeforeAll
  static void loadFlights() throws IOException {
    api = Api.forTestNode();
    Auth admin = Auth.bearer(api.adminToken());
    String projectId = api.createProject(admin);
    key = Auth.key(api.createKey(projectId, "read", admin));
    path = Api.collectionPath(projectId, api.createCollection(projectId, "exported", Flights.SCHEMA, admin));
    Api.expect(200, api.post(path + "/send_data", Flights.records(), admin));
    api.awaitData(path + "/get_data?limit=1&offset=1999", key, r -> r.json().getJsonArray("data").size() == 1);
  }

  private static HttpResponse<String> export(String query, String accept) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + io.cenotoo.testing.TestNode.get().port()
        + path + "/get_data" + query)).header("Accept", accept).header("X-API-Key", key.value()).GET().build();
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void ndjsonStreamsEveryRecordOnce() throws Exception {
    HttpResponse<String> response = export("", "application/x-ndjson");

    assertEquals(200, response.statusCode());
    assertEquals("application/x-ndjson", response.headers().firstValue("Content-Type").orElse(""));
    List<String> lines = response.body().lines().toList();
    Set<String> ids = new HashSet<>();
    lines.forEach(line -> ids.add(new JsonObject(line).getString("record_id")));
    assertEquals(2000, lines.size());
    assertEquals(2000, ids.size());
  }

  @Test
  void csvHasHeaderAndRowsForKey() throws Exception {
    HttpResponse<String> response = export("?key=ORD", "text/csv");

    assertEquals(200, response.statusCode());
    List<String> lines = response.body().lines().toList();
    assertEquals("key,timestamp,day,record_id,delay,distance,destination", lines.get(0));
    assertEquals(1 + 119, lines.size());
    assertTrue(lines.get(1).startsWith("ORD,2001-"), lines.get(1));
  }

  @Test
  void jsonStaysDefault() {
    Response page = api.get(path + "/get_data?limit=10", key);

    assertEquals(10, page.json().getJsonArray("data").size());
  }
}
