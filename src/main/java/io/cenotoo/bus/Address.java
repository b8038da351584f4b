package io.cenotoo.bus;

/**
 * Event-bus addresses, named owner first. Each owner verticle registers the addresses of its role.
 * A request to an address that no node registered fails with NO_HANDLERS, which the HTTP side turns
 * into 503.
 */
public final class Address {

  public static final String ADMIN_LOGIN = "cenotoo.admin.login";
  public static final String ADMIN_REFRESH_TOKEN = "cenotoo.admin.refresh-token";
  public static final String ADMIN_REVOKE_TOKEN = "cenotoo.admin.revoke-token";
  public static final String ADMIN_CREATE_ORGANIZATION = "cenotoo.admin.create-organization";
  public static final String ADMIN_LIST_ORGANIZATIONS = "cenotoo.admin.list-organizations";
  public static final String ADMIN_GET_ORGANIZATION = "cenotoo.admin.get-organization";
  public static final String ADMIN_UPDATE_ORGANIZATION = "cenotoo.admin.update-organization";
  public static final String ADMIN_DELETE_ORGANIZATION = "cenotoo.admin.delete-organization";
  public static final String ADMIN_CREATE_USER = "cenotoo.admin.create-user";
  public static final String ADMIN_LIST_USERS = "cenotoo.admin.list-users";
  public static final String ADMIN_UPDATE_PASSWORD = "cenotoo.admin.update-password";
  public static final String ADMIN_DELETE_USER = "cenotoo.admin.delete-user";
  public static final String ADMIN_CREATE_PROJECT = "cenotoo.admin.create-project";
  public static final String ADMIN_LIST_PROJECTS = "cenotoo.admin.list-projects";
  public static final String ADMIN_GET_PROJECT = "cenotoo.admin.get-project";
  public static final String ADMIN_UPDATE_PROJECT = "cenotoo.admin.update-project";
  public static final String ADMIN_DELETE_PROJECT = "cenotoo.admin.delete-project";
  public static final String ADMIN_CREATE_KEY = "cenotoo.admin.create-key";
  public static final String ADMIN_LIST_KEYS = "cenotoo.admin.list-keys";
  public static final String ADMIN_REGENERATE_KEY = "cenotoo.admin.regenerate-key";
  public static final String ADMIN_DELETE_KEYS = "cenotoo.admin.delete-keys";
  public static final String ADMIN_DELETE_KEY = "cenotoo.admin.delete-key";
  public static final String ADMIN_CREATE_COLLECTION = "cenotoo.admin.create-collection";
  public static final String ADMIN_LIST_COLLECTIONS = "cenotoo.admin.list-collections";
  public static final String ADMIN_GET_COLLECTION = "cenotoo.admin.get-collection";
  public static final String ADMIN_UPDATE_COLLECTION = "cenotoo.admin.update-collection";
  public static final String ADMIN_DELETE_COLLECTION = "cenotoo.admin.delete-collection";
  public static final String ADMIN_KEY_STATS = "cenotoo.admin.key-stats";

  /**
   * Checks whether an access token is revoked, given its {@code jti}, {@code sub} and {@code iat}.
   * Internal, requested by the HTTP verticles.
   */
  public static final String ADMIN_CHECK_TOKEN = "cenotoo.admin.check-token";
  /**
   * Published (to every node) when a token or all tokens of a user end: {@code {"jti"}} or
   * {@code {"username"}}. HTTP verticles drop matching entries from their revocation cache.
   */
  public static final String TOKENS_REVOKED = "cenotoo.tokens.revoked";
  /** Published with {@code {"hash"}} when a key is deleted or regenerated; API nodes drop it from their caches. */
  public static final String API_KEY_REMOVED = "cenotoo.events.api-key-removed";
  /** Published with {@code {"collection_id"}} when a collection is deleted; owners drop it from their caches. */
  public static final String COLLECTION_REMOVED = "cenotoo.events.collection-removed";
  /**
   * Published with {@code {"collection_id"}} after delete_data removed partition-index rows of a
   * collection, also when it failed part way; sinks drop that collection's cached index rows.
   */
  public static final String DATA_DELETED = "cenotoo.events.data-deleted";

  /** Resolves an API key to its project and type; internal, not an HTTP operation. */
  public static final String ADMIN_RESOLVE_KEY = "cenotoo.admin.resolve-key";
  /** Resolves a collection to its schema, table and topic; internal, used by ingest, sink and query. */
  public static final String ADMIN_RESOLVE_COLLECTION = "cenotoo.admin.resolve-collection";

  public static final String INGEST_SEND_DATA = "cenotoo.ingest.send-data";
  /** get_data; the reply is the page as an encoded JSON object (a Buffer). */
  public static final String QUERY_GET_DATA = "cenotoo.query.get-data";
  public static final String QUERY_DELETE_DATA = "cenotoo.query.delete-data";
  public static final String STATS_STATISTICS = "cenotoo.stats.statistics";

  /** Readiness probes: each owner replies once its own Cassandra or Kafka client replied. */
  public static final String ADMIN_PING = "cenotoo.admin.ping";
  public static final String INGEST_PING = "cenotoo.ingest.ping";
  public static final String QUERY_PING = "cenotoo.query.ping";
  public static final String SINK_PING = "cenotoo.sink.ping";
  public static final String STATS_PING = "cenotoo.stats.ping";

  private Address() {
  }
}
