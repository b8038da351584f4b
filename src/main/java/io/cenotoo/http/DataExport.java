package io.cenotoo.http;

import io.cenotoo.bus.Address;
import io.cenotoo.bus.JsonBytes;
import io.cenotoo.bus.LoopLocal;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * get_data with {@code Accept: application/x-ndjson} or {@code text/csv}: streams every matching
 * record by asking the query owner for one page after another through the cursor. The next page is
 * requested only once the client has taken the previous one (the response's write queue drained),
 * so memory contains one page whatever the size of the result. {@code limit} is ignored here; a query
 * with {@code order_by} yields its single ordered page. CSV uses flat column names such as
 * {@code loc$lat} and writes lists as JSON text.
 */
final class DataExport implements Handler<RoutingContext> {

  static final String NDJSON = "application/x-ndjson";
  static final String CSV = "text/csv";
  private static final Logger LOG = LoggerFactory.getLogger(DataExport.class);

  private final Vertx vertx;
  private final Forwarder json;
  private final long timeoutMillis;
  private final int pageSize;

  DataExport(Vertx vertx, Forwarder json, long timeoutMillis, int pageSize) {
    this.vertx = vertx;
    this.json = json;
    this.timeoutMillis = timeoutMillis;
    this.pageSize = pageSize;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String format = format(ctx.request().getHeader(HttpHeaders.ACCEPT));
    if (format == null) {
      json.handle(ctx);
      return;
    }

    JsonObject message = json.message(ctx);
    JsonObject query = message.getJsonObject("query");
    query.put("limit", pageSize);
    if (CSV.equals(format)) {
      query.put("nested", false);
    }

    fetch(ctx, message).onSuccess(first -> {
      HttpServerResponse response = ctx.response().setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, format);
      Exporter exporter = new Exporter(ctx, message, format);
      exporter.write(first);
    }).onFailure(ctx::fail);
  }

  /**
   * Returns the export format the client asks for first, or null for the JSON page. Clients that
   * list {@code application/json} (or any type) before an export type, as generated clients do, get
   * the JSON page.
   */
  static String format(String accept) {
    if (accept == null) {
      return null;
    }
    for (String range : accept.split(",")) {
      String type = range.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (type.equals(NDJSON) || type.equals(CSV)) {
        return type;
      }
      if (type.equals("application/json") || type.equals("*/*") || type.equals("application/*")) {
        return null;
      }
    }
    return null;
  }

  private Future<JsonObject> fetch(RoutingContext ctx, JsonObject message) {
    return vertx.eventBus().<JsonBytes>request(LoopLocal.address(Address.QUERY_GET_DATA), message, Forwarder.deliveryOptions(ctx, timeoutMillis))
        .map(reply -> new JsonObject(reply.body().json()));
  }

  /** Writes pages as they come and requests the next one when the client is ready for it. */
  private final class Exporter {

    private final RoutingContext ctx;
    private final JsonObject message;
    private final String format;
    private List<String> columns;

    Exporter(RoutingContext ctx, JsonObject message, String format) {
      this.ctx = ctx;
      this.message = message;
      this.format = format;
    }

    void write(JsonObject page) {
      HttpServerResponse response = ctx.response();
      response.write(encode(page.getJsonArray("data")));

      String cursor = page.getString("next_cursor");
      if (cursor == null) {
        response.end();
        return;
      }
      message.getJsonObject("query").put("cursor", cursor).remove("offset");
      Promise<Void> ready = Promise.promise();
      if (response.writeQueueFull()) {
        response.drainHandler(v -> ready.tryComplete());
      } else {
        ready.complete();
      }
      ready.future()
          .compose(v -> response.closed() ? Future.failedFuture("the client closed the connection") : fetch(ctx, message))
          .onSuccess(this::write)
          .onFailure(failure -> {
            LOG.warn("Export stopped after it started [request: {}]: {}", RequestLog.requestId(ctx), failure.getMessage());
            response.reset();
          });
    }

    private Buffer encode(JsonArray records) {
      Buffer buffer = Buffer.buffer();
      for (int i = 0; i < records.size(); i++) {
        JsonObject record = records.getJsonObject(i);
        if (NDJSON.equals(format)) {
          buffer.appendBuffer(record.toBuffer()).appendString("\n");
          continue;
        }
        if (columns == null) {
          columns = new ArrayList<>(record.fieldNames());
          buffer.appendString(Csv.row(new ArrayList<>(columns)));
        }
        List<Object> values = new ArrayList<>(columns.size());
        columns.forEach(column -> values.add(record.getValue(column)));
        buffer.appendString(Csv.row(values));
      }
      return buffer;
    }
  }
}
