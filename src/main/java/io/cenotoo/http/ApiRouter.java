package io.cenotoo.http;

import io.cenotoo.admin.ApiKeys;
import io.cenotoo.cluster.Cluster;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.ratelimit.ClusterRateLimitStore;
import io.cenotoo.ratelimit.LocalRateLimitStore;
import io.cenotoo.ratelimit.RateLimit;
import io.cenotoo.ratelimit.RateLimitStore;
import io.cenotoo.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.APIKeyHandler;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.yaml.snakeyaml.Yaml;

/**
 * Assembles the HTTP routers from the OpenAPI contract: security handlers per security scheme, then
 * contract validation, then the access check and the operation's handler, with one failure handler.
 * A second router contains only the data paths that programs call most (see {@link #DATA_PATH_ENDINGS}).
 */
public final class ApiRouter {

  public static final String CONTRACT_RESOURCE = "openapi.yaml";
  private static final String LOGIN_PATH = "/api/v1/token";
  /**
   * Query parameters whose values are JSON text. vertx-openapi 5.0 decodes a string parameter that
   * looks like JSON into an array or object and then rejects it as not a string, so the router's
   * copy of the contract leaves these out and {@link Forwarder} passes their text unchanged.
   */
  static final Set<String> JSON_TEXT_PARAMETERS = Set.of("filters", "order_by");
  /**
   * Endings of the paths that the data router serves. A router matches each route's path pattern
   * in turn, and these paths came after a dozen others, whose failed matches took about 7% of the
   * event loops' JFR samples at 4,500 send_data requests per second. No other route matches a
   * path with these endings, so both routers handle it the same way.
   */
  static final List<String> DATA_PATH_ENDINGS = List.of("/send_data", "/get_data");

  /** Clients tracked per node; beyond this the least recently seen client's count is forgotten. */
  private static final int MAX_RATE_LIMIT_BUCKETS = 100_000;
  /** One bucket store per Vert.x instance, shared by its HTTP verticles so limits hold per node. */
  private static final Map<Vertx, RateLimitStore> RATE_LIMIT_STORES = Collections.synchronizedMap(new WeakHashMap<>());

  private ApiRouter() {
  }

  /**
   * Loads the contract from the classpath for the router. vertx-openapi 5.0 rejects a contract that
   * declares media types it cannot validate, {@code application/x-www-form-urlencoded} and
   * {@code application/problem+json} among them. The router's copy therefore drops the login form
   * body, which {@link LoginHandler} checks itself, and declares error responses as
   * {@code application/json}; responses are not validated, so nothing else changes. The file served
   * at {@code /openapi.yaml} stays as written, so generated clients see the real media types.
   */
  public static Future<OpenAPIContract> loadContract(Vertx vertx) {
    return vertx.executeBlocking(ApiRouter::readContract)
        .compose(contract -> OpenAPIContract.from(vertx, contract));
  }

  /** Loads the contract and returns the handler of every HTTP request, which {@link #create} builds. */
  public static Future<Handler<HttpServerRequest>> load(Vertx vertx, Config config) {
    return vertx.executeBlocking(ApiRouter::readContract).compose(contract -> {
      Future<OpenAPIContract> all = OpenAPIContract.from(vertx, contract.copy());
      Future<OpenAPIContract> data = OpenAPIContract.from(vertx, dataPathsOnly(contract.copy()));
      return Future.all(all, data).map(loaded -> create(vertx, all.result(), data.result(), config));
    });
  }

  private static JsonObject dataPathsOnly(JsonObject contract) {
    JsonObject paths = contract.getJsonObject("paths");
    paths.fieldNames().removeIf(path -> !isDataPath(path));
    return contract;
  }

  private static boolean isDataPath(String path) {
    return path != null && DATA_PATH_ENDINGS.stream().anyMatch(path::endsWith);
  }

  private static JsonObject readContract() throws IOException {
    try (InputStream in = ApiRouter.class.getClassLoader().getResourceAsStream(CONTRACT_RESOURCE)) {
      if (in == null) {
        throw new IOException("The contract " + CONTRACT_RESOURCE + " is missing from the classpath");
      }
      Map<String, Object> yaml = new Yaml().load(in);
      JsonObject contract = new JsonObject(yaml);
      contract.getJsonObject("paths").getJsonObject(LOGIN_PATH).getJsonObject("post").remove("requestBody");
      removeJsonTextParameters(contract);
      JsonObject responses = contract.getJsonObject("components").getJsonObject("responses");
      for (String name : responses.fieldNames()) {
        JsonObject content = responses.getJsonObject(name).getJsonObject("content");
        Object problem = content.remove(Problems.CONTENT_TYPE);
        if (problem != null) {
          content.put("application/json", problem);
        }
      }
      dropExportMediaTypes(contract);
      return contract;
    }
  }

  /** Removes the export media types of successful responses, such as get_data's text/csv, from the router's copy. */
  private static void dropExportMediaTypes(JsonObject contract) {
    JsonObject paths = contract.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject operation) || !operation.containsKey("responses")) {
          continue;
        }
        JsonObject ok = operation.getJsonObject("responses").getJsonObject("200");
        if (ok != null && ok.getJsonObject("content") != null) {
          ok.getJsonObject("content").remove(DataExport.NDJSON);
          ok.getJsonObject("content").remove(DataExport.CSV);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void removeJsonTextParameters(JsonObject contract) {
    JsonObject shared = contract.getJsonObject("components").getJsonObject("parameters");
    JsonObject paths = contract.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation && operation.getValue("parameters") instanceof JsonArray list) {
          list.getList().removeIf(parameter -> JSON_TEXT_PARAMETERS.contains(parameterName(parameter, shared)));
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static String parameterName(Object parameter, JsonObject shared) {
    JsonObject json = parameter instanceof JsonObject object ? object : new JsonObject((Map<String, Object>) parameter);
    String ref = json.getString("$ref");
    if (ref != null) {
      JsonObject target = shared.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
      return target == null ? null : target.getString("name");
    }
    return json.getString("name");
  }

  /**
   * Builds the request handler: the router of the data contract, which contains only the data paths,
   * for a path with one of {@link #DATA_PATH_ENDINGS}, and the router of the whole contract for
   * every other path. Both share their authentication, caches and rate limits. Fails when an
   * operation of the contract has no entry in {@link Operation}, so the contract and the code
   * cannot drift apart.
   */
  public static Handler<HttpServerRequest> create(Vertx vertx, OpenAPIContract contract, OpenAPIContract dataContract,
      Config config) {
    List<String> unbound = unboundOperations(contract);
    if (!unbound.isEmpty()) {
      throw new IllegalStateException("Operations in the contract without a handler: " + unbound);
    }
    Shared shared = Shared.create(vertx, config);

    Router all = assemble(vertx, contract, config, shared);
    DocsRoutes.mount(all);
    Router data = assemble(vertx, dataContract, config, shared);
    return request -> (isDataPath(request.path()) ? data : all).handle(request);
  }

  /** Handlers with state that both routers use, so that caches and limits apply per HTTP verticle. */
  private record Shared(JWTAuth jwt, ApiKeyAuthenticator keys, TokenRevocations revocations, RateLimiter rateLimiter,
      FailureHandler failures) {

    static Shared create(Vertx vertx, Config config) {
      long timeout = config.getInt(Setting.EVENT_BUS_TIMEOUT_MS);
      JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions()
          .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(config.get(Setting.JWT_SECRET_KEY))));
      ApiKeyAuthenticator keys = new ApiKeyAuthenticator(vertx, new ApiKeys(config.get(Setting.API_KEY_SECRET)),
          config.getInt(Setting.API_KEY_CACHE_SECONDS) * 1000L, timeout);
      TokenRevocations revocations = new TokenRevocations(vertx,
          config.getInt(Setting.TOKEN_CHECK_CACHE_SECONDS) * 1000L, timeout);
      return new Shared(jwt, keys, revocations, ApiRouter.rateLimiter(vertx, config),
          new FailureHandler(config.getInt(Setting.MAX_BODY_BYTES)));
    }
  }

  private static Router assemble(Vertx vertx, OpenAPIContract contract, Config config, Shared shared) {
    long maxBody = config.getInt(Setting.MAX_BODY_BYTES);
    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    builder.security("bearerAuth").httpHandler(JWTAuthHandler.create(shared.jwt()));
    builder.security("apiKeyAuth").apiKeyHandler(APIKeyHandler.create(shared.keys()).header("X-API-Key"));

    for (OpenAPIRoute route : builder.getRoutes()) {
      Operation operation = Operation.byId(route.getOperation().getOperationId());
      if (operation.access() != Access.PUBLIC) {
        route.addHandler(shared.revocations());
      }
      route.addHandler(new Authorizer(operation, config.organizationId()));
      // send_data checks its body with the collection's compiled validator, login its form, and
      // get_data its parameters with a ParameterReader; the generic validation costs far more.
      boolean validated = operation != Operation.SEND_DATA && operation != Operation.LOGIN && operation != Operation.GET_DATA;
      route.setDoValidation(validated);
      ParameterReader parameters = operation == Operation.GET_DATA ? ParameterReader.of(route.getOperation()) : null;
      route.addHandler(handlerFor(vertx, operation, config, parameters));
    }

    Router router = builder.createRouter();
    router.route().order(-1003).handler(new RequestLog());
    router.route().order(-1002).handler(BodyBudget.ofHeap(maxBody));
    // The body is read before the rate limiter because a clustered limiter decides asynchronously,
    // and a request body must be consumed, or the request paused, before any asynchronous step.
    router.route().order(-1001).handler(BodyHandler.create(false).setBodyLimit(maxBody));
    router.route().order(-1000).handler(shared.rateLimiter());

    router.route().failureHandler(shared.failures());
    for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, shared.failures());
    }
    return router;
  }

  private static RateLimiter rateLimiter(Vertx vertx, Config config) {
    RateLimitStore store = RATE_LIMIT_STORES.computeIfAbsent(vertx, v -> Cluster.hazelcast(v) == null
        ? new LocalRateLimitStore(MAX_RATE_LIMIT_BUCKETS)
        : new ClusterRateLimitStore(v, Cluster.hazelcast(v)));
    return new RateLimiter(store, RateLimit.parse(config.get(Setting.RATE_LIMIT_DEFAULT)),
        RateLimit.parse(config.get(Setting.RATE_LIMIT_AUTH)), config.getBoolean(Setting.RATE_LIMIT_TRUST_FORWARDED_FOR));
  }

  /** Returns the operationIds of the contract that {@link Operation} does not map. */
  public static List<String> unboundOperations(OpenAPIContract contract) {
    List<String> unbound = new ArrayList<>();
    contract.operations().forEach(operation -> {
      if (Operation.byId(operation.getOperationId()) == null) {
        unbound.add(operation.getOperationId());
      }
    });
    return unbound;
  }

  private static Handler<RoutingContext> handlerFor(Vertx vertx, Operation operation, Config config,
      ParameterReader parameters) {
    long timeout = config.getInt(Setting.EVENT_BUS_TIMEOUT_MS);
    int maxLimit = config.getInt(Setting.GET_DATA_MAX_LIMIT);
    return switch (operation) {
      case HEALTH -> ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(new JsonObject().put("status", "ok").toBuffer());
      case READY -> new Readiness(vertx, Readiness.checkedRoles(vertx.isClustered(),
          config.getList(Setting.CENOTOO_ROLES)));
      case LOGIN -> new LoginHandler(vertx, timeout);
      case SEND_DATA -> new SendDataHandler(vertx, timeout);
      case GET_DATA -> new DataExport(vertx, new Forwarder(vertx, operation, timeout, parameters), timeout, maxLimit);
      default -> new Forwarder(vertx, operation, timeout);
    };
  }
}
