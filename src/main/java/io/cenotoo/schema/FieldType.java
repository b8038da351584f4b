package io.cenotoo.schema;

/** Scalar type of a collection field, with the name users write in a schema and its CQL type. */
public enum FieldType {
  TEXT("text", "text", String.class),
  INT("int", "bigint", Long.class),
  FLOAT("float", "double", Double.class),
  BOOL("bool", "boolean", Boolean.class),
  DATE("date", "date", java.time.LocalDate.class),
  TIMESTAMP("timestamp", "timestamp", java.time.Instant.class);

  /** The type names in declaration order, for error messages. */
  static final String TYPE_NAMES = "text, int, float, bool, date, timestamp";

  private final String typeName;
  private final String cqlType;
  private final Class<?> javaType;

  FieldType(String typeName, String cqlType, Class<?> javaType) {
    this.typeName = typeName;
    this.cqlType = cqlType;
    this.javaType = javaType;
  }

  /** Returns the Java class of normalized values and of the Cassandra driver's values, such as Long. */
  public Class<?> javaType() {
    return javaType;
  }

  /** Returns the name used in a collection schema, such as {@code int}. */
  public String typeName() {
    return typeName;
  }

  /** Returns the Cassandra column type, such as {@code bigint}. */
  public String cqlType() {
    return cqlType;
  }

  /** Returns the type with this schema name (case-sensitive), or null when there is none. */
  public static FieldType fromTypeName(String name) {
    for (FieldType type : values()) {
      if (type.typeName.equals(name)) {
        return type;
      }
    }
    return null;
  }
}
