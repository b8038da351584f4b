package io.cenotoo.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * Routes outside the contract: the contract itself at {@code /openapi.yaml}, Swagger UI at
 * {@code /docs} (served from the swagger-ui webjar, so no CDN is needed), and Prometheus metrics at
 * {@code /metrics}.
 */
final class DocsRoutes {

  /** Version of the org.webjars:swagger-ui dependency in pom.xml; its files live under this folder. */
  static final String SWAGGER_UI_VERSION = "5.35.0";
  private static final String SWAGGER_UI_ROOT = "META-INF/resources/webjars/swagger-ui/" + SWAGGER_UI_VERSION;

  private DocsRoutes() {
  }

  static void mount(Router router) {
    router.get("/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml")
        .sendFile(ApiRouter.CONTRACT_RESOURCE));
    router.get("/docs").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .sendFile("docs/index.html"));
    router.get("/docs/assets/*").handler(StaticHandler.create(SWAGGER_UI_ROOT).setCachingEnabled(true));
    router.get("/metrics").handler(PrometheusScrapingHandler.create());
  }
}
