package io.cenotoo.bus;

import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies of owner verticles. A failure carries the HTTP status as its failure code and a JSON
 * message with {@code detail} and {@code errors}, so the HTTP side can write problem details
 * without knowing the owner's exceptions.
 */
public final class Replies {

  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);
  private static final String INTERNAL_DETAIL =
      "The server failed to process the request; retry later or report the request id.";

  private Replies() {
  }

  /** Registers an owner operation that maps a message to a future reply, with the failures mapped. */
  public static <T> void bind(Message<T> message, Function<Message<T>, Future<?>> operation) {
    Future<?> result;
    try {
      result = operation.apply(message);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(done -> {
      if (done.succeeded()) {
        reply(message, done.result());
      } else {
        fail(message, done.cause());
      }
    });
  }

  private static void reply(Message<?> message, Object body) {
    if (body instanceof Created created) {
      message.reply(created.body(), new DeliveryOptions().addHeader(Headers.STATUS, "201"));
    } else {
      message.reply(body);
    }
  }

  /** Fails the message: client errors keep their status, anything else becomes a logged 500. */
  public static void fail(Message<?> message, Throwable cause) {
    if (cause instanceof ApiException api) {
      message.fail(api.status(), encode(api.getMessage(), api.errors()));
      return;
    }
    if (cause instanceof ReplyException reply && reply.failureCode() > 0) {
      message.fail(reply.failureCode(), reply.getMessage());
      return;
    }
    LOG.error("Operation at {} failed [request: {}]", message.address(),
        message.headers().get(Headers.REQUEST_ID), cause);
    message.fail(500, encode(INTERNAL_DETAIL, List.of()));
  }

  private static String encode(String detail, List<FieldError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(error -> list.add(error.toJson()));
    return new JsonObject().put("detail", detail).put("errors", list).encode();
  }

  /** A reply body that the HTTP side sends with status 201 Created. */
  public record Created(Object body) {
  }
}
