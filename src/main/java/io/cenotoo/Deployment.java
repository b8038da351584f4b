package io.cenotoo;

import io.cenotoo.admin.AdminVerticle;
import io.cenotoo.config.Config;
import io.cenotoo.config.Role;
import io.cenotoo.config.Setting;
import io.cenotoo.http.HttpVerticle;
import io.cenotoo.ingest.IngestVerticle;
import io.cenotoo.query.QueryVerticle;
import io.cenotoo.sink.SinkVerticle;
import io.cenotoo.stats.StatsVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the verticles of the roles a node runs. The admin owner goes first because it creates
 * the keyspaces and tables that the other owners prepare statements against; the HTTP verticles
 * go last so no request arrives before its owner is registered.
 */
public final class Deployment {

  private static final Logger LOG = LoggerFactory.getLogger(Deployment.class);

  private Deployment() {
  }

  public static Future<Void> deploy(Vertx vertx, Config config) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    config.getList(Setting.CENOTOO_ROLES).forEach(name -> roles.add(Role.parse(name)));
    DeploymentOptions options = new DeploymentOptions().setConfig(config.toJson());

    Future<?> chain = Future.succeededFuture();
    if (roles.contains(Role.ADMIN)) {
      chain = chain.compose(v -> vertx.deployVerticle(new AdminVerticle(), options));
    }
    if (roles.contains(Role.QUERY)) {
      chain = chain.compose(v -> vertx.deployVerticle(new QueryVerticle(), options));
    }
    if (roles.contains(Role.STATS)) {
      chain = chain.compose(v -> vertx.deployVerticle(new StatsVerticle(), options));
    }
    if (roles.contains(Role.INGEST)) {
      chain = chain.compose(v -> vertx.deployVerticle(new IngestVerticle(), options));
    }
    if (roles.contains(Role.SINK)) {
      chain = chain.compose(v -> vertx.deployVerticle(new SinkVerticle(), options));
    }
    if (roles.contains(Role.API)) {
      int instances = config.getInt(Setting.HTTP_INSTANCES);
      int count = instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
      chain = chain.compose(v -> vertx.deployVerticle(HttpVerticle.class, new DeploymentOptions(options).setInstances(count)));
    }
    return chain.<Void>mapEmpty().onSuccess(v -> LOG.info("Node started with roles {}", roles));
  }
}
