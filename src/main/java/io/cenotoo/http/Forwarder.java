package io.cenotoo.http;

import io.cenotoo.bus.Headers;
import io.cenotoo.bus.JsonBytes;
import io.cenotoo.bus.LoopLocal;
import io.cenotoo.bus.Principal;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.List;
import java.util.Map;

/**
 * Forwards a validated request to the owner of its operation and writes the owner's reply. The
 * message is {@code {"path": {...}, "query": {...}, "body": ...}} with values typed by the contract;
 * the caller travels in the {@link Headers#PRINCIPAL} header. The values come from the contract
 * validation, or from a {@link ParameterReader} on routes whose validation is switched off.
 */
final class Forwarder implements Handler<RoutingContext> {

  private final Vertx vertx;
  private final Operation operation;
  private final long timeoutMillis;
  private final ParameterReader parameters;

  Forwarder(Vertx vertx, Operation operation, long timeoutMillis) {
    this(vertx, operation, timeoutMillis, null);
  }

  /** With a parameter reader, for a route whose contract validation is switched off. */
  Forwarder(Vertx vertx, Operation operation, long timeoutMillis, ParameterReader parameters) {
    this.vertx = vertx;
    this.operation = operation;
    this.timeoutMillis = timeoutMillis;
    this.parameters = parameters;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject message = message(ctx);

    vertx.eventBus().<Object>request(LoopLocal.address(operation.address()), message, deliveryOptions(ctx, timeoutMillis))
        .onSuccess(reply -> writeReply(ctx, reply))
        .onFailure(ctx::fail);
  }

  /** Returns the event-bus message of the request: {@code {"path", "query", "body"}}. */
  JsonObject message(RoutingContext ctx) {
    JsonObject message = parameters != null ? parameters.read(ctx)
        : toMessage(ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST));
    addRawQuery(ctx, message);
    return message;
  }

  static DeliveryOptions deliveryOptions(RoutingContext ctx, long timeoutMillis) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMillis);
    options.addHeader(Headers.REQUEST_ID, String.valueOf(RequestLog.requestId(ctx)));
    Principal principal = ctx.get(Authorizer.PRINCIPAL_KEY);
    if (principal != null) {
      options.addHeader(Headers.PRINCIPAL, principal.toJson().encode());
    }
    return options;
  }

  static void writeReply(RoutingContext ctx, Message<Object> reply) {
    String status = reply.headers().get(Headers.STATUS);
    ctx.response().setStatusCode(status == null ? 200 : Integer.parseInt(status));
    Object body = reply.body();
    Buffer buffer;
    if (body instanceof JsonObject json) {
      buffer = json.toBuffer();
    } else if (body instanceof JsonArray json) {
      buffer = json.toBuffer();
    } else if (body instanceof JsonBytes encoded) {
      buffer = encoded.json();
    } else if (body instanceof Buffer raw) {
      buffer = raw;
    } else {
      buffer = Buffer.buffer(String.valueOf(body));
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(buffer);
  }

  /**
   * Adds the JSON-text parameters, which the router's contract leaves out, and replaces validated
   * string values with the query's own text: vertx-openapi 5.0 decodes query values a second time,
   * which turns the {@code +} of an offset such as {@code +02:00} into a space.
   */
  private static void addRawQuery(RoutingContext ctx, JsonObject message) {
    JsonObject query = message.getJsonObject("query");
    if (query == null) {
      return;
    }
    for (String name : ctx.queryParams().names()) {
      List<String> values = ctx.queryParams().getAll(name);
      if (values.size() != 1) {
        continue;
      }
      if (ApiRouter.JSON_TEXT_PARAMETERS.contains(name) || query.getValue(name) instanceof String) {
        query.put(name, values.get(0));
      }
    }
  }

  private static JsonObject toMessage(ValidatedRequest request) {
    JsonObject message = new JsonObject();
    if (request == null) {
      return message;
    }
    message.put("path", toJson(request.getPathParameters()));
    message.put("query", toJson(request.getQuery()));
    RequestParameter body = request.getBody();
    if (body != null && !body.isNull()) {
      message.put("body", body.get());
    }
    return message;
  }

  private static JsonObject toJson(Map<String, RequestParameter> parameters) {
    JsonObject json = new JsonObject();
    if (parameters != null) {
      parameters.forEach((name, value) -> {
        if (value != null && !value.isNull()) {
          json.put(name, value.get());
        }
      });
    }
    return json;
  }
}
