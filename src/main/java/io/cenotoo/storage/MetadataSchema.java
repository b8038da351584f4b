package io.cenotoo.storage;

import java.util.List;

/**
 * DDL of the metadata keyspace. Every table is keyed by the path that reads it, so each lookup is a
 * partition read and nothing needs ALLOW FILTERING. Names are unique through lightweight
 * transactions on the {@code *_by_name} tables.
 */
public final class MetadataSchema {

  public static final String ORGANIZATIONS = "organizations";
  /**
   * Organization names, all in one partition ({@code bucket} 0): there are few organizations, so
   * listing them is one partition read and a name is claimed with a lightweight transaction.
   */
  public static final String ORGANIZATIONS_BY_NAME = "organizations_by_name";
  public static final String USERS = "users";
  public static final String USERS_BY_ORGANIZATION = "users_by_organization";
  public static final String PROJECTS = "projects";
  public static final String PROJECTS_BY_NAME = "projects_by_name";
  public static final String API_KEYS = "api_keys";
  public static final String API_KEYS_BY_PROJECT = "api_keys_by_project";
  public static final String COLLECTIONS = "collections";
  public static final String COLLECTIONS_BY_NAME = "collections_by_name";
  /**
   * Index of the (key, day) partitions that contain data, written by the sink and read by queries.
   * Its {@code size_classes} hold the size class of each partition's largest rows: class c means rows
   * of up to 2^c bytes of values. Readers size their driver fetches by them, because Cassandra pages
   * by rows only. The sink adds a partition's class before it writes the rows of that class.
   */
  public static final String DATA_PARTITIONS = "data_partitions";
  /**
   * Size class from which the sink writes a partition's class to its index row before the rows of
   * that class, so a partition without an index row contains only rows of smaller classes.
   * Statistics fetch at most 1,000 rows from each of 8 partitions at once, which for rows of up to
   * 2 KiB (class 11) is 16 MiB, their fetch budget, so smaller classes may arrive after the rows.
   */
  public static final int ORDERED_SIZE_CLASS = 12;
  /** Revoked token ids, each written with a TTL of the token's remaining lifetime. */
  public static final String REVOKED_TOKENS = "revoked_tokens";

  private MetadataSchema() {
  }

  /**
   * Columns added to tables after their first release, as table, column and CQL type. CREATE TABLE
   * IF NOT EXISTS leaves an older table as it is, so start-up adds each of these that is missing.
   */
  public static final List<List<String>> ADDED_COLUMNS = List.of(
      List.of(USERS, "tokens_valid_after", "timestamp"),
      List.of(DATA_PARTITIONS, "size_classes", "set<int>"));

  /**
   * Returns the query for a collection's (day, key) partitions between two days, inclusive, newest
   * day first, with their size classes.
   */
  public static String selectPartitionsWithSizesByDays(String keyspace) {
    return "SELECT day, key, size_classes FROM " + Cql.quote(keyspace) + "." + DATA_PARTITIONS
        + " WHERE collection_id = ? AND day >= ? AND day <= ?";
  }

  /** Returns the query that counts a collection's (day, key) partitions between two days, inclusive. */
  public static String countPartitionsByDays(String keyspace) {
    return "SELECT COUNT(*) AS partitions FROM " + Cql.quote(keyspace) + "." + DATA_PARTITIONS
        + " WHERE collection_id = ? AND day >= ? AND day <= ?";
  }

  /** Returns the statement that creates a partition's index row or adds a size class to it. */
  public static String addPartitionSizeClass(String keyspace) {
    return "UPDATE " + Cql.quote(keyspace) + "." + DATA_PARTITIONS
        + " SET size_classes = size_classes + ? WHERE collection_id = ? AND day = ? AND key = ?";
  }

  /** Returns the size class of a row of this many bytes: the least c with 2^c at least the bytes. */
  public static int sizeClass(long bytes) {
    return bytes <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(bytes - 1);
  }

  /** Returns the query for one key's partitions on a list of days, with their size classes. */
  public static String selectKeyPartitionsWithSizes(String keyspace) {
    return "SELECT day, key, size_classes FROM " + Cql.quote(keyspace) + "." + DATA_PARTITIONS
        + " WHERE collection_id = ? AND day IN ? AND key = ?";
  }

  public static String createKeyspace(String keyspace, String replication) {
    return "CREATE KEYSPACE IF NOT EXISTS " + Cql.quote(keyspace) + " WITH replication = " + replication;
  }

  public static List<String> createTables(String keyspace) {
    String ks = Cql.quote(keyspace) + ".";
    return List.of(
        "CREATE TABLE IF NOT EXISTS " + ks + ORGANIZATIONS
            + " (id uuid PRIMARY KEY, name text, description text, tags list<text>, creation_date timestamp)",
        "CREATE TABLE IF NOT EXISTS " + ks + ORGANIZATIONS_BY_NAME
            + " (bucket int, name text, id uuid, PRIMARY KEY ((bucket), name))",
        "CREATE TABLE IF NOT EXISTS " + ks + USERS
            + " (username text PRIMARY KEY, id uuid, organization_id uuid, password_hash text, role text,"
            + " creation_date timestamp, tokens_valid_after timestamp)",
        "CREATE TABLE IF NOT EXISTS " + ks + USERS_BY_ORGANIZATION
            + " (organization_id uuid, username text, PRIMARY KEY ((organization_id), username))",
        "CREATE TABLE IF NOT EXISTS " + ks + PROJECTS
            + " (organization_id uuid, id uuid, name text, description text, tags list<text>,"
            + " creation_date timestamp, PRIMARY KEY ((organization_id), id))",
        "CREATE TABLE IF NOT EXISTS " + ks + PROJECTS_BY_NAME
            + " (organization_id uuid, name text, id uuid, PRIMARY KEY ((organization_id), name))",
        "CREATE TABLE IF NOT EXISTS " + ks + API_KEYS
            + " (hash text PRIMARY KEY, id uuid, project_id uuid, key_type text, prefix text, created_at timestamp)",
        "CREATE TABLE IF NOT EXISTS " + ks + API_KEYS_BY_PROJECT
            + " (project_id uuid, id uuid, hash text, key_type text, prefix text, created_at timestamp,"
            + " PRIMARY KEY ((project_id), id))",
        "CREATE TABLE IF NOT EXISTS " + ks + COLLECTIONS
            + " (project_id uuid, id uuid, name text, description text, tags list<text>, schema_definition text,"
            + " creation_date timestamp, PRIMARY KEY ((project_id), id))",
        "CREATE TABLE IF NOT EXISTS " + ks + COLLECTIONS_BY_NAME
            + " (project_id uuid, name text, id uuid, PRIMARY KEY ((project_id), name))",
        "CREATE TABLE IF NOT EXISTS " + ks + DATA_PARTITIONS
            + " (collection_id uuid, day date, key text, size_classes set<int>, PRIMARY KEY ((collection_id), day, key))"
            + " WITH CLUSTERING ORDER BY (day DESC, key ASC)",
        "CREATE TABLE IF NOT EXISTS " + ks + REVOKED_TOKENS + " (jti text PRIMARY KEY)");
  }
}
