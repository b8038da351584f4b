package io.cenotoo.config;

/**
 * One configuration variable: its environment name, its default, and what it sets. The names and
 * defaults of the Python service that Cenotoo replaces are kept so that existing deployments keep
 * working.
 */
public enum Setting {
  HTTP_PORT("8000", "TCP port of the HTTP API."),
  HTTP_HOST("0.0.0.0", "Address the HTTP API listens on."),
  HTTP_INSTANCES("0", "HTTP verticle instances; 0 means one per CPU core."),
  INGEST_INSTANCES("0", "Ingest owner instances, sharing the node's Kafka producers; 0 means one per event loop (two per CPU core) on a node with the api role, else one."),
  QUERY_INSTANCES("0", "Query owner instances, each with a Cassandra session; 0 means one per event loop (two per CPU core) on a node with the api role, else one."),
  MAX_BODY_BYTES("10485760", "Largest accepted request body in bytes; larger bodies get 413."),
  MAX_RECORD_BYTES("1000000", "Largest accepted record in bytes, its Kafka key and value, at most 2097152; a batch with a larger record gets 413."),
  ENVIRONMENT("development", "development or production; production refuses default secrets."),
  CENOTOO_ROLES("api,ingest,sink,query,stats,admin", "Comma-separated roles this node runs."),
  LOG_FORMAT("text", "text, or json for one JSON object per log line."),
  CLUSTER_ENABLED("false", "Join other nodes over a clustered event bus (Hazelcast); also set by --cluster."),
  CLUSTER_NAME("cenotoo", "Hazelcast cluster name; only nodes with the same name join."),
  CLUSTER_HOST("127.0.0.1", "Address this node binds for Hazelcast and the event bus and announces to the others."),
  CLUSTER_PORT("5701", "Hazelcast member port of this node."),
  CLUSTER_MEMBERS("127.0.0.1:5701", "Comma-separated host:port Hazelcast members to join (TCP-IP discovery; multicast is off)."),
  EVENT_BUS_PORT("0", "TCP port of the clustered event bus; 0 picks a free port."),
  OTLP_ENDPOINT("", "OTLP gRPC endpoint for traces, such as http://localhost:4317; empty disables tracing."),
  OTLP_SERVICE_NAME("cenotoo-api", "service.name of the exported traces."),
  EMBEDDED("false", "Start the embedded Cassandra and Kafka child processes (make dev)."),
  EMBEDDED_DIR(".dev/stack", "Data, logs and configuration of the embedded servers."),
  JWT_SECRET_KEY("supersecretkey", "HS256 secret that signs access and refresh tokens."),
  JWT_ALGORITHM("HS256", "JWT signature algorithm; only HS256 is supported."),
  JWT_EXPIRATION_MINUTES("15", "Access-token lifetime in minutes."),
  JWT_REFRESH_EXPIRATION_DAYS("7", "Refresh-token lifetime in days."),
  API_KEY_SECRET("default-api-key-secret", "HMAC-SHA256 secret under which API keys are stored."),
  API_KEY_CACHE_SECONDS("5", "How long an HTTP node trusts a resolved API key, in seconds."),
  TOKEN_CHECK_CACHE_SECONDS("5",
      "How long an HTTP node trusts a token revocation check, in seconds; revocations published on the event bus apply at once."),
  RATE_LIMIT_DEFAULT("120/minute", "Requests per client on all routes together, as N/second, N/minute, N/hour or N/day."),
  RATE_LIMIT_AUTH("10/minute", "Requests per client on POST /api/v1/token and on /api/v1/token/refresh, each path "
      + "counted on its own, in addition to RATE_LIMIT_DEFAULT."),
  RATE_LIMIT_TRUST_FORWARDED_FOR("false", "Identify clients by the first X-Forwarded-For address; set true only "
      + "behind a proxy that overwrites that header, because clients can forge it."),
  ADMIN_USERNAME("admin", "Superadmin created or updated at start-up."),
  ADMIN_PASSWORD("admin", "Password of the superadmin created or updated at start-up."),
  ORGANIZATION_ID("00000000-0000-0000-0000-000000000001", "UUID of the organization this deployment serves."),
  ORGANIZATION_NAME("default_organization", "Name given to that organization when start-up creates it."),
  CASSANDRA_CONTACT_POINTS("localhost", "Comma-separated Cassandra hosts, each host or host:port."),
  CASSANDRA_PORT("9042", "Cassandra native port for contact points without a port."),
  CASSANDRA_DC("datacenter1", "Local Cassandra data center name."),
  CASSANDRA_USERNAME("", "Cassandra user; empty disables authentication."),
  CASSANDRA_PASSWORD("", "Cassandra password."),
  CASSANDRA_KEYSPACE("metadata", "Keyspace of the metadata tables."),
  CASSANDRA_DATA_KEYSPACE("cenotoo_data", "Keyspace of the per-collection data tables."),
  CASSANDRA_REPLICATION("{'class': 'SimpleStrategy', 'replication_factor': 1}",
      "Replication map used when start-up creates the keyspaces."),
  KAFKA_BROKERS("localhost:59498", "Kafka bootstrap servers."),
  KAFKA_USERNAME("", "SASL user; empty disables SASL."),
  KAFKA_PASSWORD("", "SASL password."),
  KAFKA_SASL_MECHANISM("SCRAM-SHA-512", "SASL mechanism when KAFKA_USERNAME is set."),
  KAFKA_SECURITY_PROTOCOL("SASL_PLAINTEXT", "Security protocol when KAFKA_USERNAME is set."),
  KAFKA_TOPIC_PARTITIONS("3", "Partitions of each new collection topic. They bound how many sinks share one collection."),
  KAFKA_TOPIC_REPLICATION("1", "Replication factor of each new collection topic."),
  KAFKA_CONSUMER_GROUP("cenotoo-sink", "Consumer group shared by every sink in the cluster."),
  EVENT_BUS_TIMEOUT_MS("30000", "How long the HTTP verticle waits for an owner verticle, in milliseconds."),
  GET_DATA_DEFAULT_LIMIT("100", "Records returned by get_data when limit is absent."),
  GET_DATA_MAX_LIMIT("1000", "Largest limit that get_data accepts; larger values get 422.");

  private final String defaultValue;
  private final String description;

  Setting(String defaultValue, String description) {
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}
