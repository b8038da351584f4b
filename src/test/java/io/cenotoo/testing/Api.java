package io.cenotoo.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** A blocking HTTP client for the test node, with the steps of the quickstart as methods. */
public final class Api {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;

  public Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public static Api forTestNode() {
    return new Api(TestNode.get().port());
  }

  /** Credentials sent with a request: a bearer token, an API key, or none. */
  public record Auth(String header, String value) {

    public static final Auth NONE = new Auth(null, null);

    public static Auth bearer(String token) {
      return new Auth("Authorization", "Bearer " + token);
    }

    public static Auth key(String key) {
      return new Auth("X-API-Key", key);
    }
  }

  /** A response with its body parsed as JSON when it is JSON. */
  public record Response(int status, HttpResponse<String> raw) {

    public JsonObject json() {
      return new JsonObject(raw.body());
    }

    public JsonArray array() {
      return new JsonArray(raw.body());
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + raw.body();
    }
  }

  public Response get(String path, Auth auth) {
    return send(request(path, auth).GET());
  }

  public Response post(String path, Object json, Auth auth) {
    return send(request(path, auth).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(String.valueOf(json))));
  }

  /** Sends a JSON body with the given method and extra headers, such as Idempotency-Key. */
  public Response send(String method, String path, Object json, Auth auth, Map<String, String> headers) {
    HttpRequest.Builder builder = request(path, auth).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(String.valueOf(json)));
    headers.forEach(builder::header);
    return send(builder);
  }

  public Response put(String path, Object json, Auth auth) {
    return send("PUT", path, json, auth, Map.of());
  }

  /** Sends DELETE, with a JSON body when {@code json} is not null. */
  public Response delete(String path, Object json, Auth auth) {
    if (json == null) {
      return send(request(path, auth).DELETE());
    }
    return send("DELETE", path, json, auth, Map.of());
  }

  public Response postRaw(String path, String contentType, String body, Auth auth) {
    HttpRequest.Builder builder = request(path, auth).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(builder);
  }

  public Response login(String username, String password) {
    String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return postRaw("/api/v1/token", "application/x-www-form-urlencoded", form, Auth.NONE);
  }

  public String adminToken() {
    Response response = login(TestNode.ADMIN_USERNAME, TestNode.ADMIN_PASSWORD);
    if (response.status() != 200) {
      throw new AssertionError("Login failed: " + response);
    }
    return response.json().getString("access_token");
  }

  /** Creates a user in the served organization and returns an access token for it. */
  public String createMember(String username, String password, Auth admin) {
    String organizationId = TestNode.get().config().organizationId().toString();
    expect(201, post("/api/v1/organizations/" + organizationId + "/users",
        new JsonObject().put("username", username).put("password", password), admin));
    Response login = login(username, password);
    expect(200, login);
    return login.json().getString("access_token");
  }

  /** Returns a name that no earlier test run used, made of letters, digits and underscores. */
  public static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** Creates a project with a unique name and returns its id. */
  public String createProject(Auth auth) {
    Response response = post("/api/v1/projects",
        new JsonObject().put("project_name", "p_" + UUID.randomUUID().toString().replace("-", "")).put("tags", new JsonArray()),
        auth);
    expect(201, response);
    return response.json().getString("project_id");
  }

  public String createKey(String projectId, String type, Auth auth) {
    Response response = post("/api/v1/projects/" + projectId + "/keys", new JsonObject().put("key_type", type), auth);
    expect(201, response);
    return response.json().getString("api_key");
  }

  public String createCollection(String projectId, String name, JsonObject schema, Auth auth) {
    Response response = post("/api/v1/projects/" + projectId + "/collections",
        new JsonObject().put("name", name).put("description", "test").put("collection_schema", schema), auth);
    expect(201, response);
    return response.json().getString("collection_id");
  }

  public static String collectionPath(String projectId, String collectionId) {
    return "/api/v1/projects/" + projectId + "/collections/" + collectionId;
  }

  /** Reads get_data until the predicate holds, because the sink stores records shortly after ingestion. */
  public Response awaitData(String path, Auth auth, Predicate<Response> ready) {
    long deadline = System.currentTimeMillis() + 30_000;
    Response last;
    do {
      last = get(path, auth);
      if (last.status() == 200 && ready.test(last)) {
        return last;
      }
      sleep(200);
    } while (System.currentTimeMillis() < deadline);
    throw new AssertionError("get_data did not reach the expected state within 30 s; last response: " + last);
  }

  public static String query(Map<String, String> parameters) {
    StringBuilder query = new StringBuilder();
    parameters.forEach((name, value) -> query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return query.toString();
  }

  public static void expect(int status, Response response) {
    if (response.status() != status) {
      throw new AssertionError("Expected status " + status + " but got " + response);
    }
  }

  private HttpRequest.Builder request(String path, Auth auth) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (auth.header() != null) {
      builder.header(auth.header(), auth.value());
    }
    return builder;
  }

  private static Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> raw = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(raw.statusCode(), raw);
    } catch (IOException e) {
      throw new IllegalStateException("Request failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
