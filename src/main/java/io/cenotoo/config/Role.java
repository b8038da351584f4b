package io.cenotoo.config;

import java.util.Locale;

/** The parts of the service a node can run; {@code CENOTOO_ROLES} selects a subset. */
public enum Role {
  API, INGEST, SINK, QUERY, STATS, ADMIN;

  /** Returns the role with that name in any case, or null. */
  public static Role parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
