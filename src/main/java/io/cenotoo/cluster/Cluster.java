package io.cenotoo.cluster;

import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.TcpIpConfig;
import com.hazelcast.core.HazelcastInstance;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.github.bucket4j.grid.hazelcast.HazelcastProxyManager;
import io.vertx.core.shareddata.Shareable;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Vert.x on a clustered event bus with Hazelcast as the cluster manager. Members find each
 * other only through the configured TCP-IP member list (multicast and auto-detection are off), on the
 * configured loopback or private address. A member that stops sending heartbeats is removed after
 * {@link #MAX_NO_HEARTBEAT_SECONDS}, so requests stop going to a crashed node within that bound.
 */
public final class Cluster {

  private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
  static final int MAX_NO_HEARTBEAT_SECONDS = 6;
  private static final int BUCKET4J_TYPE_ID_BASE = 1000;
  private static final String LOCAL_MAP = "cenotoo.cluster";
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private Cluster() {
  }

  /** Sets the event-bus address of a clustered node; call before building Vert.x with the options. */
  public static VertxOptions configureEventBus(VertxOptions options, Config config) {
    String host = config.get(Setting.CLUSTER_HOST);
    options.getEventBusOptions().setHost(host).setClusterPublicHost(host).setPort(config.getInt(Setting.EVENT_BUS_PORT));
    return options;
  }

  public static Future<Vertx> start(VertxBuilder builder, Config config) {
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(config));
    return builder.withClusterManager(manager).buildClustered()
        .onSuccess(vertx -> vertx.sharedData().<String, Member>getLocalMap(LOCAL_MAP)
            .put("hazelcast", new Member(manager.getHazelcastInstance())))
        .onSuccess(vertx -> LOG.info("Joined cluster {} as {}:{} [members: {}]", config.get(Setting.CLUSTER_NAME),
            config.get(Setting.CLUSTER_HOST), config.get(Setting.CLUSTER_PORT), config.get(Setting.CLUSTER_MEMBERS)));
  }

  /** Returns the Hazelcast member of a clustered Vert.x instance, or null when it runs alone. */
  public static HazelcastInstance hazelcast(Vertx vertx) {
    Member member = vertx.sharedData().<String, Member>getLocalMap(LOCAL_MAP).get("hazelcast");
    return member == null ? null : member.instance();
  }

  /** Lets the member live in a local map, which accepts only shareable values. */
  private record Member(HazelcastInstance instance) implements Shareable {
  }

  static com.hazelcast.config.Config hazelcastConfig(Config config) {
    com.hazelcast.config.Config hazelcast = ConfigUtil.loadConfig();
    hazelcast.setClusterName(config.get(Setting.CLUSTER_NAME));
    hazelcast.setProperty("hazelcast.logging.type", "slf4j");
    hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
    hazelcast.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hazelcast.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(MAX_NO_HEARTBEAT_SECONDS));

    NetworkConfig network = hazelcast.getNetworkConfig();
    network.setPort(config.getInt(Setting.CLUSTER_PORT)).setPortAutoIncrement(false);
    network.setPublicAddress(config.get(Setting.CLUSTER_HOST) + ":" + config.get(Setting.CLUSTER_PORT));
    if (IPV4.matcher(config.get(Setting.CLUSTER_HOST)).matches()) {
      // Hazelcast matches interfaces by IP address only; a host name (as in Docker Compose) binds all.
      network.getInterfaces().setEnabled(true).addInterface(config.get(Setting.CLUSTER_HOST));
    }

    // Bucket4j's entry processors travel between members; 1000 is the first of its serializer type ids.
    HazelcastProxyManager.addCustomSerializers(hazelcast.getSerializationConfig(), BUCKET4J_TYPE_ID_BASE);

    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    TcpIpConfig tcp = join.getTcpIpConfig().setEnabled(true);
    config.getList(Setting.CLUSTER_MEMBERS).forEach(tcp::addMember);
    return hazelcast;
  }
}
