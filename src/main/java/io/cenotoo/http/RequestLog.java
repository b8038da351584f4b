package io.cenotoo.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request an id (the client's {@code X-Request-Id} when it is a sane token, else a new
 * UUID), echoes it, and writes one access-log line when the response ends. The line names the
 * principal but never a credential.
 */
final class RequestLog implements Handler<RoutingContext> {

  static final String HEADER = "X-Request-Id";
  private static final String CONTEXT_KEY = "cenotoo.request-id";
  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Logger ACCESS = LoggerFactory.getLogger("io.cenotoo.access");

  static String requestId(RoutingContext ctx) {
    return ctx.get(CONTEXT_KEY);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String offered = ctx.request().getHeader(HEADER);
    String requestId = offered != null && SANE_ID.matcher(offered).matches() ? offered : newRequestId();
    ctx.put(CONTEXT_KEY, requestId);
    ctx.response().putHeader(HEADER, requestId);

    long start = System.nanoTime();
    ctx.addEndHandler(done -> {
      // Tenths of a millisecond, rounded; String.format showed up in the profile of every request.
      long tenths = (System.nanoTime() - start + 50_000) / 100_000;
      String principal = ctx.get(Authorizer.PRINCIPAL_LOG_KEY, "-");
      ACCESS.info("{} {} {} {}.{} ms [request: {}, principal: {}]", ctx.request().method(), ctx.request().path(),
          ctx.response().getStatusCode(), tenths / 10, tenths % 10, requestId, principal);
    });
    ctx.next();
  }

  /**
   * Returns a random UUID (version 4 layout) from the event loop's ThreadLocalRandom. Request ids
   * need uniqueness, not secrecy, and UUID.randomUUID draws from one synchronized SecureRandom
   * shared by every event loop.
   */
  private static String newRequestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
