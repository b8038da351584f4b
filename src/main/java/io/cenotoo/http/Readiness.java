package io.cenotoo.http;

import io.cenotoo.bus.Address;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /ready}: pings the owner roles over the event bus. Each owner replies only after its own
 * Cassandra or Kafka client replied, so a green result means the whole path works. The HTTP side
 * forwards to the admin, ingest, query and stats owners, so those are always checked. The sink takes
 * its records from Kafka, not from the event bus. A standalone node therefore checks the sink only
 * when it runs one, and a clustered node checks for one anywhere in the cluster.
 */
final class Readiness implements Handler<RoutingContext> {

  private static final long PING_TIMEOUT_MS = 2_000;
  private static final String SINK_ROLE = "sink";
  private static final Map<String, String> ROLE_PINGS = new LinkedHashMap<>();

  static {
    ROLE_PINGS.put("admin", Address.ADMIN_PING);
    ROLE_PINGS.put("ingest", Address.INGEST_PING);
    ROLE_PINGS.put("query", Address.QUERY_PING);
    ROLE_PINGS.put(SINK_ROLE, Address.SINK_PING);
    ROLE_PINGS.put("stats", Address.STATS_PING);
  }

  private final HealthChecks checks;

  /** Checks the owners of {@code roles}, by their role names such as "sink". */
  Readiness(Vertx vertx, Set<String> roles) {
    this.checks = HealthChecks.create(vertx);
    ROLE_PINGS.forEach((role, address) -> {
      if (!roles.contains(role)) {
        return;
      }
      checks.register(role, PING_TIMEOUT_MS + 500, promise ->
        vertx.eventBus().<JsonObject>request(address, new JsonObject(), new DeliveryOptions().setSendTimeout(PING_TIMEOUT_MS))
            .onSuccess(reply -> promise.complete(Status.OK(reply.body())))
            .onFailure(failure -> promise.complete(Status.KO(new JsonObject().put("error", failure.getMessage())))));
    });
  }

  /** Returns the role names a node checks: every role when clustered or running the sink, else all but the sink. */
  static Set<String> checkedRoles(boolean clustered, List<String> nodeRoles) {
    Set<String> roles = new HashSet<>(ROLE_PINGS.keySet());
    boolean runsSink = nodeRoles.stream().anyMatch(role -> role.trim().equalsIgnoreCase(SINK_ROLE));
    if (!clustered && !runsSink) {
      roles.remove(SINK_ROLE);
    }
    return roles;
  }

  @Override
  public void handle(RoutingContext ctx) {
    checks.checkStatus().onComplete(done -> {
      JsonObject result = new JsonObject();
      boolean ready = done.succeeded() && done.result().getUp();
      JsonObject outcome = done.succeeded() ? done.result().toJson() : new JsonObject();
      result.put("status", ready ? "ok" : "unavailable");
      result.put("checks", describe(outcome));
      ctx.response()
          .setStatusCode(ready ? 200 : 503)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(result.toBuffer());
    });
  }

  /** Flattens the health-check tree to {@code {"admin": "ok", "sink": "error: ..."}}. */
  private static JsonObject describe(JsonObject outcome) {
    JsonObject checks = new JsonObject();
    var list = outcome.getJsonArray("checks");
    if (list == null) {
      return checks;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonObject check = list.getJsonObject(i);
      boolean up = "UP".equals(check.getString("status"));
      JsonObject data = check.getJsonObject("data", new JsonObject());
      checks.put(check.getString("id"), up ? "ok" : "error: " + data.getString("error", "not ready"));
    }
    return checks;
  }

}
