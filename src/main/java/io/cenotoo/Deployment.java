package io.cenotoo;

import io.cenotoo.admin.AdminVerticle;
import io.cenotoo.bus.JsonBytes;
import io.cenotoo.config.Config;
import io.cenotoo.config.Role;
import io.cenotoo.config.Setting;
import io.cenotoo.http.HttpVerticle;
import io.cenotoo.ingest.IngestPingVerticle;
import io.cenotoo.ingest.IngestVerticle;
import io.cenotoo.query.QueryVerticle;
import io.cenotoo.sink.SinkVerticle;
import io.cenotoo.stats.StatsVerticle;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the verticles of the roles a node runs. The admin owner goes first because it creates
 * the keyspaces and tables that the other owners prepare statements against. The HTTP verticles
 * go last, so no request arrives before its owner is registered.
 */
public final class Deployment {

  private static final Logger LOG = LoggerFactory.getLogger(Deployment.class);

  private Deployment() {
  }

  /** The verticles a node deployed, in deployment order. */
  public record Node(Vertx vertx, List<String> deploymentIds) {

    /**
     * Undeploys in reverse order: the HTTP verticles first, so no new request arrives, then the
     * owners, whose stop methods flush the producer, let the sink finish the batches it is writing
     * and close clients.
     */
    public Future<Void> stop() {
      Future<Void> chain = Future.succeededFuture();
      for (int i = deploymentIds.size() - 1; i >= 0; i--) {
        String id = deploymentIds.get(i);
        chain = chain.compose(v -> vertx.undeploy(id).recover(failure -> {
          LOG.warn("Undeploying {} failed", id, failure);
          return Future.succeededFuture();
        }));
      }
      return chain;
    }
  }

  public static Future<Node> deploy(Vertx vertx, Config config) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    config.getList(Setting.CENOTOO_ROLES).forEach(name -> roles.add(Role.parse(name)));
    DeploymentOptions options = new DeploymentOptions().setConfig(config.toJson());
    JsonBytes.registerCodec(vertx.eventBus());

    List<String> ids = new ArrayList<>();
    Future<?> chain = Future.succeededFuture();
    if (roles.contains(Role.ADMIN)) {
      chain = chain.compose(v -> vertx.deployVerticle(new AdminVerticle(), options).onSuccess(ids::add));
    }
    if (roles.contains(Role.QUERY)) {
      int instances = ownerInstances(config.getInt(Setting.QUERY_INSTANCES), roles, eventLoops(vertx));
      chain = chain.compose(v -> vertx.deployVerticle(QueryVerticle.class, new DeploymentOptions(options)
          .setInstances(instances)).onSuccess(ids::add));
    }
    if (roles.contains(Role.STATS)) {
      chain = chain.compose(v -> vertx.deployVerticle(new StatsVerticle(), options).onSuccess(ids::add));
    }
    if (roles.contains(Role.INGEST)) {
      int instances = ownerInstances(config.getInt(Setting.INGEST_INSTANCES), roles, eventLoops(vertx));
      chain = chain.compose(v -> vertx.deployVerticle(IngestVerticle.class, new DeploymentOptions(options)
          .setInstances(instances)).onSuccess(ids::add));
      chain = chain.compose(v -> vertx.deployVerticle(new IngestPingVerticle(), options).onSuccess(ids::add));
    }
    if (roles.contains(Role.SINK)) {
      chain = chain.compose(v -> vertx.deployVerticle(new SinkVerticle(), options).onSuccess(ids::add));
    }
    if (roles.contains(Role.API)) {
      int instances = config.getInt(Setting.HTTP_INSTANCES);
      int count = instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
      chain = chain.compose(v -> vertx.deployVerticle(HttpVerticle.class, new DeploymentOptions(options).setInstances(count))
          .onSuccess(ids::add));
    }
    return chain.map(v -> new Node(vertx, ids)).onSuccess(v -> LOG.info("Node started with roles {}", roles));
  }

  /**
   * Returns the instances to deploy of a query or ingest owner: the configured number, else one
   * per event loop next to HTTP verticles, so each request stays on the loop that received it (see
   * LoopLocal), else one. Vert.x gives one deployment's instances consecutive loops, so as many
   * instances as loops cover each loop once, which LoopLocalOwnersTest checks.
   */
  static int ownerInstances(int configured, Set<Role> roles, int eventLoops) {
    if (configured > 0) {
      return configured;
    }
    return roles.contains(Role.API) ? eventLoops : 1;
  }

  /** Returns the number of event loops of this Vert.x instance. */
  static int eventLoops(Vertx vertx) {
    int count = 0;
    for (EventExecutor ignored : ((VertxInternal) vertx).nettyEventLoopGroup()) {
      count++;
    }
    return count;
  }
}
