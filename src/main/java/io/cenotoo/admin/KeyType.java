package io.cenotoo.admin;

import java.util.Locale;

/** API-key types in increasing order of rights: each type may do what the weaker ones may. */
public enum KeyType {
  READ, WRITE, MASTER;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(KeyType required) {
    return compareTo(required) >= 0;
  }

  /** Returns the type for {@code read}, {@code write} or {@code master}, or null. */
  public static KeyType parse(String label) {
    if (label == null) {
      return null;
    }
    for (KeyType type : values()) {
      if (type.label().equals(label)) {
        return type;
      }
    }
    return null;
  }
}
