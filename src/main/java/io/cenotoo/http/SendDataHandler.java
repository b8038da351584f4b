package io.cenotoo.http;

import io.cenotoo.bus.Address;
import io.cenotoo.bus.Headers;
import io.cenotoo.bus.LoopLocal;
import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Forwards the raw send_data body to the ingest owner, which parses it once and validates every
 * record with the collection's compiled validator. The contract's generic JSON-schema validation is
 * switched off for this operation because walking large batches with it costs far more than the
 * rest of the request.
 */
final class SendDataHandler implements Handler<RoutingContext> {

  static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
  static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

  private final Vertx vertx;
  private final long timeoutMillis;

  SendDataHandler(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String projectId = PathParameters.uuid(ctx, "project_id");
    String collectionId = PathParameters.uuid(ctx, "collection_id");
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiException.invalid("The request body is empty; send a JSON object or an array of objects.",
          List.of(new FieldError("", "Missing request body.")));
    }

    DeliveryOptions options = Forwarder.deliveryOptions(ctx, timeoutMillis)
        .addHeader(Headers.PROJECT_ID, projectId)
        .addHeader(Headers.COLLECTION_ID, collectionId);
    String idempotencyKey = ctx.request().getHeader(IDEMPOTENCY_KEY_HEADER);
    if (idempotencyKey != null) {
      options.addHeader(Headers.IDEMPOTENCY_KEY, checkIdempotencyKey(idempotencyKey));
    }

    vertx.eventBus().<Object>request(LoopLocal.address(Address.INGEST_SEND_DATA), body, options)
        .onSuccess(reply -> Forwarder.writeReply(ctx, reply))
        .onFailure(ctx::fail);
  }

  private static String checkIdempotencyKey(String value) {
    boolean printable = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    if (value.isEmpty() || value.length() > MAX_IDEMPOTENCY_KEY_LENGTH || !printable) {
      throw ApiException.invalid("Invalid Idempotency-Key header.", List.of(new FieldError(IDEMPOTENCY_KEY_HEADER,
          "Must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " printable ASCII characters, such as a UUID.")));
    }
    return value;
  }
}
