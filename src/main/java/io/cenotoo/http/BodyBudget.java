package io.cenotoo.http;

import io.cenotoo.error.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a request with a body only while the bodies in progress in this process stay within a
 * budget. Beyond it the request gets 429 with Retry-After, because the client avoids that by
 * sending fewer or smaller requests at once. Each body stays in memory until its request ends,
 * and send_data keeps about two more copies while it encodes and publishes. So a few dozen
 * concurrent bodies near MAX_BODY_BYTES would exhaust a small heap.
 *
 * <p>A request counts its Content-Length, or MAX_BODY_BYTES when it streams its body in chunks,
 * from before its body is read until the routing context ends. The budget is shared by every HTTP
 * verticle of the process, because they share its heap. One request is always admitted when no
 * other body is in progress, so a budget below MAX_BODY_BYTES cannot block every large body.
 */
final class BodyBudget implements Handler<RoutingContext> {

  /** The share of the maximum heap that request bodies may take: one eighth. */
  static final int HEAP_FRACTION = 8;
  private static final Logger LOG = LoggerFactory.getLogger(BodyBudget.class);
  private static final AtomicLong IN_PROGRESS = new AtomicLong();

  private final long budgetBytes;
  private final long maxBodyBytes;

  BodyBudget(long budgetBytes, long maxBodyBytes) {
    this.budgetBytes = budgetBytes;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Returns a budget of {@link #HEAP_FRACTION} of this process's maximum heap. */
  static BodyBudget ofHeap(long maxBodyBytes) {
    return new BodyBudget(Runtime.getRuntime().maxMemory() / HEAP_FRACTION, maxBodyBytes);
  }

  @Override
  public void handle(RoutingContext ctx) {
    long bytes = declaredBytes(ctx.request());
    if (bytes == 0) {
      ctx.next();
      return;
    }

    long total = IN_PROGRESS.addAndGet(bytes);
    if (total > budgetBytes && total > bytes) {
      IN_PROGRESS.addAndGet(-bytes);
      LOG.warn("Request body rejected: {} bytes of bodies in progress, budget {} [request: {}]",
          total - bytes, budgetBytes, RequestLog.requestId(ctx));
      ctx.response().putHeader("Retry-After", FailureHandler.RETRY_AFTER_SECONDS);
      ctx.fail(new ApiException(429, "The node is reading as many request bodies as its memory allows; retry after "
          + FailureHandler.RETRY_AFTER_SECONDS + " s, or send smaller batches."));
      return;
    }

    ctx.addEndHandler(done -> IN_PROGRESS.addAndGet(-bytes));
    ctx.next();
  }

  /** Returns the bytes of request bodies in progress in this process. */
  static long inProgress() {
    return IN_PROGRESS.get();
  }

  /**
   * Returns the bytes a request's body may take: its Content-Length up to MAX_BODY_BYTES, whose
   * excess the body handler rejects, MAX_BODY_BYTES for a chunked body, and 0 without a body.
   */
  private long declaredBytes(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      try {
        return Math.min(Math.max(0, Long.parseLong(length.trim())), maxBodyBytes);
      } catch (NumberFormatException e) {
        // Not a number: count it as a body of unknown size.
        return maxBodyBytes;
      }
    }
    String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
    return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked") ? maxBodyBytes : 0;
  }
}
