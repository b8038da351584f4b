package io.cenotoo.http;

import io.cenotoo.error.FieldError;
import io.vertx.core.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Writes RFC 9457 problem details; the one place that builds an error body. */
final class Problems {

  static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPE_PREFIX = "https://cenotoo.io/problems/";

  private Problems() {
  }

  static void write(RoutingContext ctx, int status, String detail, List<FieldError> errors) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    String title = HttpResponseStatus.valueOf(status).reasonPhrase();
    JsonObject body = new JsonObject()
        .put("type", TYPE_PREFIX + slug(title))
        .put("title", title)
        .put("status", status)
        .put("detail", detail)
        .put("instance", ctx.request().path());
    String requestId = RequestLog.requestId(ctx);
    if (requestId != null) {
      body.put("request_id", requestId);
    }
    if (!errors.isEmpty()) {
      JsonArray list = new JsonArray();
      errors.forEach(error -> list.add(error.toJson()));
      body.put("errors", list);
    }
    if (status == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
        .end(body.toBuffer());
  }

  private static String slug(String title) {
    return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
  }
}
