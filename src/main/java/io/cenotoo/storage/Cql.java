package io.cenotoo.storage;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;

/** CQL text helpers. Only identifiers pass through here; values are always bound. */
public final class Cql {

  /**
   * Time allowed for schema changes. On a loaded two-core machine a DROP or CREATE can take several
   * seconds while Cassandra flushes, longer than the driver's 2-second default.
   */
  public static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(60);

  private Cql() {
  }

  /** Returns a schema-changing statement with {@link #SCHEMA_TIMEOUT}. */
  public static SimpleStatement ddl(String cql) {
    return SimpleStatement.newInstance(cql).setTimeout(SCHEMA_TIMEOUT);
  }

  /** Quotes an identifier, doubling embedded quotes, so any validated name is a valid CQL name. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
