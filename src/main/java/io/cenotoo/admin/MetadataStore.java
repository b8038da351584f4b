package io.cenotoo.admin;

import static io.cenotoo.storage.MetadataSchema.API_KEYS;
import static io.cenotoo.storage.MetadataSchema.API_KEYS_BY_PROJECT;
import static io.cenotoo.storage.MetadataSchema.COLLECTIONS;
import static io.cenotoo.storage.MetadataSchema.COLLECTIONS_BY_NAME;
import static io.cenotoo.storage.MetadataSchema.DATA_PARTITIONS;
import static io.cenotoo.storage.MetadataSchema.ORGANIZATIONS;
import static io.cenotoo.storage.MetadataSchema.ORGANIZATIONS_BY_NAME;
import static io.cenotoo.storage.MetadataSchema.PROJECTS;
import static io.cenotoo.storage.MetadataSchema.PROJECTS_BY_NAME;
import static io.cenotoo.storage.MetadataSchema.REVOKED_TOKENS;
import static io.cenotoo.storage.MetadataSchema.USERS;
import static io.cenotoo.storage.MetadataSchema.USERS_BY_ORGANIZATION;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.storage.Cql;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads and writes of the metadata keyspace. Every statement is prepared once and addresses one
 * partition. Names are claimed with lightweight transactions, so two concurrent creations of the
 * same name cannot both succeed.
 */
final class MetadataStore {

  private final CassandraClient cassandra;
  private final String keyspace;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  MetadataStore(CassandraClient cassandra, String keyspace) {
    this.cassandra = cassandra;
    this.keyspace = Cql.quote(keyspace) + ".";
  }

  /** Prepares every statement; call once after the tables exist. */
  Future<Void> prepare() {
    Map<String, String> cql = new HashMap<>();
    cql.put("org.get", "SELECT * FROM " + keyspace + ORGANIZATIONS + " WHERE id = ?");
    cql.put("org.upsert", "INSERT INTO " + keyspace + ORGANIZATIONS
        + " (id, name, description, tags, creation_date) VALUES (?, ?, ?, ?, ?) IF NOT EXISTS");
    cql.put("user.get", "SELECT * FROM " + keyspace + USERS + " WHERE username = ?");
    cql.put("user.put", "INSERT INTO " + keyspace + USERS
        + " (username, id, organization_id, password_hash, role, creation_date) VALUES (?, ?, ?, ?, ?, ?)");
    cql.put("user.byOrg.put", "INSERT INTO " + keyspace + USERS_BY_ORGANIZATION
        + " (organization_id, username) VALUES (?, ?)");
    cql.put("project.get", "SELECT * FROM " + keyspace + PROJECTS + " WHERE organization_id = ? AND id = ?");
    cql.put("project.put", "INSERT INTO " + keyspace + PROJECTS
        + " (organization_id, id, name, description, tags, creation_date) VALUES (?, ?, ?, ?, ?, ?)");
    cql.put("project.claimName", "INSERT INTO " + keyspace + PROJECTS_BY_NAME
        + " (organization_id, name, id) VALUES (?, ?, ?) IF NOT EXISTS");
    cql.put("project.names", "SELECT name, id FROM " + keyspace + PROJECTS_BY_NAME
        + " WHERE organization_id = ? LIMIT ?");
    cql.put("project.count", "SELECT COUNT(*) FROM " + keyspace + PROJECTS_BY_NAME + " WHERE organization_id = ?");
    cql.put("key.get", "SELECT * FROM " + keyspace + API_KEYS + " WHERE hash = ?");
    cql.put("key.put", "INSERT INTO " + keyspace + API_KEYS
        + " (hash, id, project_id, key_type, prefix, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    cql.put("key.byProject.put", "INSERT INTO " + keyspace + API_KEYS_BY_PROJECT
        + " (project_id, id, hash, key_type, prefix, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    cql.put("key.byProject.list", "SELECT * FROM " + keyspace + API_KEYS_BY_PROJECT + " WHERE project_id = ?");
    cql.put("collection.get", "SELECT * FROM " + keyspace + COLLECTIONS + " WHERE project_id = ? AND id = ?");
    cql.put("collection.put", "INSERT INTO " + keyspace + COLLECTIONS
        + " (project_id, id, name, description, tags, schema_definition, creation_date) VALUES (?, ?, ?, ?, ?, ?, ?)");
    cql.put("collection.claimName", "INSERT INTO " + keyspace + COLLECTIONS_BY_NAME
        + " (project_id, name, id) VALUES (?, ?, ?) IF NOT EXISTS");
    cql.put("collection.releaseName", "DELETE FROM " + keyspace + COLLECTIONS_BY_NAME
        + " WHERE project_id = ? AND name = ? IF id = ?");
    cql.put("collection.names", "SELECT name, id FROM " + keyspace + COLLECTIONS_BY_NAME
        + " WHERE project_id = ? LIMIT ?");
    cql.put("collection.count", "SELECT COUNT(*) FROM " + keyspace + COLLECTIONS_BY_NAME + " WHERE project_id = ?");

    cql.put("org.update", "UPDATE " + keyspace + ORGANIZATIONS
        + " SET description = ?, tags = ? WHERE id = ? IF EXISTS");
    cql.put("org.delete", "DELETE FROM " + keyspace + ORGANIZATIONS + " WHERE id = ?");
    cql.put("org.claimName", "INSERT INTO " + keyspace + ORGANIZATIONS_BY_NAME
        + " (bucket, name, id) VALUES (0, ?, ?) IF NOT EXISTS");
    cql.put("org.releaseName", "DELETE FROM " + keyspace + ORGANIZATIONS_BY_NAME + " WHERE bucket = 0 AND name = ? IF id = ?");
    cql.put("org.names", "SELECT name, id FROM " + keyspace + ORGANIZATIONS_BY_NAME + " WHERE bucket = 0");
    cql.put("user.create", "INSERT INTO " + keyspace + USERS
        + " (username, id, organization_id, password_hash, role, creation_date) VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    cql.put("user.setPassword", "UPDATE " + keyspace + USERS
        + " SET password_hash = ?, tokens_valid_after = ? WHERE username = ? IF EXISTS");
    cql.put("user.delete", "DELETE FROM " + keyspace + USERS + " WHERE username = ?");
    cql.put("user.byOrg.list", "SELECT username FROM " + keyspace + USERS_BY_ORGANIZATION
        + " WHERE organization_id = ? LIMIT ?");
    cql.put("user.byOrg.count", "SELECT COUNT(*) FROM " + keyspace + USERS_BY_ORGANIZATION + " WHERE organization_id = ?");
    cql.put("user.byOrg.delete", "DELETE FROM " + keyspace + USERS_BY_ORGANIZATION
        + " WHERE organization_id = ? AND username = ?");
    cql.put("token.revoke", "INSERT INTO " + keyspace + REVOKED_TOKENS + " (jti) VALUES (?) USING TTL ?");
    cql.put("token.claim", "INSERT INTO " + keyspace + REVOKED_TOKENS + " (jti) VALUES (?) IF NOT EXISTS USING TTL ?");
    cql.put("token.get", "SELECT jti FROM " + keyspace + REVOKED_TOKENS + " WHERE jti = ?");
    cql.put("project.update", "UPDATE " + keyspace + PROJECTS
        + " SET description = ?, tags = ? WHERE organization_id = ? AND id = ? IF EXISTS");
    cql.put("project.delete", "DELETE FROM " + keyspace + PROJECTS + " WHERE organization_id = ? AND id = ?");
    cql.put("project.releaseName", "DELETE FROM " + keyspace + PROJECTS_BY_NAME
        + " WHERE organization_id = ? AND name = ? IF id = ?");
    cql.put("key.delete", "DELETE FROM " + keyspace + API_KEYS + " WHERE hash = ?");
    cql.put("key.byProject.delete", "DELETE FROM " + keyspace + API_KEYS_BY_PROJECT + " WHERE project_id = ? AND id = ?");
    cql.put("collection.update", "UPDATE " + keyspace + COLLECTIONS
        + " SET description = ?, tags = ? WHERE project_id = ? AND id = ? IF EXISTS");
    cql.put("collection.delete", "DELETE FROM " + keyspace + COLLECTIONS + " WHERE project_id = ? AND id = ?");
    cql.put("collection.all", "SELECT name, id FROM " + keyspace + COLLECTIONS_BY_NAME + " WHERE project_id = ?");
    cql.put("partitions.list", "SELECT day, key FROM " + keyspace + DATA_PARTITIONS + " WHERE collection_id = ?");
    cql.put("partitions.delete", "DELETE FROM " + keyspace + DATA_PARTITIONS + " WHERE collection_id = ?");

    List<Future<Void>> prepared = cql.entrySet().stream()
        .map(entry -> cassandra.prepare(entry.getValue()).onSuccess(ps -> statements.put(entry.getKey(), ps))
            .<Void>mapEmpty())
        .toList();
    return Future.all(prepared).mapEmpty();
  }

  Future<Row> one(String statement, Object... values) {
    return cassandra.execute(statements.get(statement).bind(values)).map(rs -> rs.one());
  }

  Future<List<Row>> all(String statement, Object... values) {
    return cassandra.executeWithFullFetch(statements.get(statement).bind(values));
  }

  Future<Void> write(String statement, Object... values) {
    return cassandra.execute(statements.get(statement).bind(values)).mapEmpty();
  }

  /** Runs a lightweight transaction and succeeds with whether it was applied. */
  Future<Boolean> claim(String statement, Object... values) {
    return cassandra.execute(statements.get(statement).bind(values)).map(rs -> rs.wasApplied());
  }

  Future<Long> count(String statement, UUID partition) {
    return one(statement, partition).map(row -> row == null ? 0L : row.getLong(0));
  }

  static Instant now() {
    return Instant.ofEpochMilli(System.currentTimeMillis());
  }
}
