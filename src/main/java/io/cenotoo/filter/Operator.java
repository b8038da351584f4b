package io.cenotoo.filter;

import java.util.List;

/** A filter operator with the names the API accepts for it (case-sensitive). */
public enum Operator {
  EQ("eq"),
  NE("ne"),
  LT("lt", "less"),
  LTE("lte", "le"),
  GT("gt", "greater"),
  GTE("gte", "ge"),
  IN("in"),
  CONTAINS("contains"),
  NOT_CONTAINS("not_contains");

  /** Every accepted name, for error messages. */
  public static final String NAMES = "eq, ne, lt, less, lte, le, gt, greater, gte, ge, in, contains, not_contains";

  private final List<String> names;

  Operator(String... names) {
    this.names = List.of(names);
  }

  /** Returns the operator with this name, or null. */
  public static Operator byName(String name) {
    for (Operator operator : values()) {
      if (operator.names.contains(name)) {
        return operator;
      }
    }
    return null;
  }

  boolean isOrdering() {
    return this == LT || this == LTE || this == GT || this == GTE;
  }
}
