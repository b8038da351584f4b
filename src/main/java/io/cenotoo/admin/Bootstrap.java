package io.cenotoo.admin;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.cenotoo.storage.Cql;
import io.cenotoo.storage.MetadataSchema;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up work of the admin owner: keyspaces and metadata tables (idempotent DDL), the served
 * organization when it is missing, and the superadmin from {@code ADMIN_USERNAME} /
 * {@code ADMIN_PASSWORD}, whose password is re-hashed only when it changed.
 */
final class Bootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

  private final CassandraClient cassandra;
  private final Config config;

  Bootstrap(CassandraClient cassandra, Config config) {
    this.cassandra = cassandra;
    this.config = config;
  }

  Future<Void> createSchema() {
    String replication = config.get(Setting.CASSANDRA_REPLICATION);
    String metadata = config.get(Setting.CASSANDRA_KEYSPACE);
    Future<Void> chain = cassandra.execute(Cql.ddl(MetadataSchema.createKeyspace(metadata, replication))).mapEmpty();
    chain = chain.compose(v -> cassandra.execute(
        Cql.ddl(MetadataSchema.createKeyspace(config.get(Setting.CASSANDRA_DATA_KEYSPACE), replication))).mapEmpty());
    for (String ddl : MetadataSchema.createTables(metadata)) {
      chain = chain.compose(v -> cassandra.execute(Cql.ddl(ddl)).mapEmpty());
    }
    for (List<String> column : MetadataSchema.ADDED_COLUMNS) {
      chain = chain.compose(v -> addColumnIfMissing(metadata, column.get(0), column.get(1), column.get(2)));
    }
    return chain.onSuccess(v -> LOG.info("Metadata keyspace {} ready", metadata));
  }

  /** Adds a column that an older release's table lacks; the keyspace, table and column names are constants. */
  private Future<Void> addColumnIfMissing(String keyspace, String table, String column, String type) {
    return cassandra.execute(SimpleStatement.newInstance(
            "SELECT column_name FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ? AND column_name = ?",
            keyspace, table, column))
        .compose(rows -> {
          if (rows.one() != null) {
            return Future.succeededFuture();
          }
          LOG.info("Adding column {} to {}.{}", column, keyspace, table);
          return cassandra.execute(Cql.ddl("ALTER TABLE " + Cql.quote(keyspace) + "." + Cql.quote(table)
              + " ADD " + Cql.quote(column) + " " + type)).mapEmpty();
        });
  }

  Future<Void> seed(MetadataStore store, Passwords passwords) {
    UUID organizationId = config.organizationId();
    String organizationName = config.get(Setting.ORGANIZATION_NAME);
    return store.claim("org.upsert", organizationId, organizationName, null, List.of(), MetadataStore.now())
        .onSuccess(created -> {
          if (created) {
            LOG.info("Created organization {} [organization: {}]", organizationName, organizationId);
          }
        })
        .compose(v -> store.claim("org.claimName", organizationName, organizationId))
        .onSuccess(claimed -> {
          if (!claimed) {
            LOG.info("Organization name {} is already claimed [organization: {}]", organizationName, organizationId);
          }
        })
        .compose(v -> seedSuperadmin(store, passwords, organizationId));
  }

  private Future<Void> seedSuperadmin(MetadataStore store, Passwords passwords, UUID organizationId) {
    String username = config.get(Setting.ADMIN_USERNAME);
    String password = config.get(Setting.ADMIN_PASSWORD);
    if (username.isEmpty() || password.isEmpty()) {
      LOG.warn("ADMIN_USERNAME or ADMIN_PASSWORD is empty; no superadmin is created");
      return Future.succeededFuture();
    }

    return store.one("user.get", username).compose(row -> {
      String storedHash = row == null ? null : row.getString("password_hash");
      boolean isSuperadmin = row != null && "superadmin".equals(row.getString("role"));
      return passwords.verify(password, storedHash).compose(matches -> {
        if (matches && isSuperadmin) {
          return Future.succeededFuture();
        }
        UUID id = row == null ? UUID.randomUUID() : row.getUuid("id");
        return passwords.hash(password)
            .compose(hash -> store.write("user.put", username, id, organizationId, hash, "superadmin", MetadataStore.now()))
            .compose(v -> store.write("user.byOrg.put", organizationId, username))
            .onSuccess(v -> LOG.info("Superadmin {} created or updated", username));
      });
    });
  }
}
