package io.cenotoo.http;

import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public HTTP API. It owns no database or Kafka client: it checks requests against the
 * contract, authenticates and authorizes the caller, and forwards each operation over the event bus.
 * Several instances share the port.
 */
public final class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  static final long SHUTDOWN_GRACE_SECONDS = 10;

  private HttpServer server;

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    int port = config.getInt(Setting.HTTP_PORT);
    String host = config.get(Setting.HTTP_HOST);

    return ApiRouter.load(vertx, config)
        .compose(handler -> vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
            .requestHandler(handler)
            .listen(port, host))
        .onSuccess(listening -> {
          server = listening;
          LOG.info("HTTP API listening on {}:{}", host, listening.actualPort());
        });
  }

  /**
   * Stops accepting connections and lets requests in flight finish for up to
   * {@link #SHUTDOWN_GRACE_SECONDS} before closing the rest.
   */
  @Override
  public Future<?> stop() {
    LOG.info("HTTP API stopping; finishing requests in flight");
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
  }
}
