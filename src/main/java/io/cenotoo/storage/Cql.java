package io.cenotoo.storage;

/** CQL text helpers. Only identifiers pass through here; values are always bound. */
public final class Cql {

  private Cql() {
  }

  /** Quotes an identifier, doubling embedded quotes, so any validated name is a valid CQL name. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
