package io.cenotoo.config;

import io.cenotoo.ratelimit.RateLimit;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The node's configuration: built-in defaults, overridden by a JSON file ({@code conf/cenotoo.json}
 * or the file named by {@code CENOTOO_CONFIG}), overridden by the environment. Values are checked
 * once at start-up, so a bad value stops the node with a message naming the variable.
 */
public final class Config {

  public static final String CONFIG_FILE_VARIABLE = "CENOTOO_CONFIG";
  public static final Path DEFAULT_CONFIG_FILE = Path.of("conf", "cenotoo.json");
  /**
   * Largest MAX_RECORD_BYTES. Cassandra rejects a request or mutation above 16 MiB by default, and a
   * record's values take at most six times its JSON: a list element such as {@code 1,} is 2 bytes
   * of JSON and 12 in Cassandra, an 8-byte number and its 4-byte length.
   */
  public static final int MAX_RECORD_BYTES_LIMIT = 2 * 1024 * 1024;

  private final Map<Setting, String> values;

  private Config(Map<Setting, String> values) {
    this.values = values;
  }

  /** Loads defaults, then the config file if it exists, then the given environment. */
  public static Config load(Map<String, String> environment) {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      values.put(setting, setting.defaultValue());
    }

    Path file = Path.of(environment.getOrDefault(CONFIG_FILE_VARIABLE, DEFAULT_CONFIG_FILE.toString()));
    if (Files.isRegularFile(file)) {
      JsonObject json = readJson(file);
      for (Setting setting : Setting.values()) {
        Object value = json.getValue(setting.name());
        if (value != null) {
          values.put(setting, String.valueOf(value));
        }
      }
    }

    for (Setting setting : Setting.values()) {
      String value = environment.get(setting.name());
      if (value != null) {
        values.put(setting, value);
      }
    }

    Config config = new Config(values);
    config.check();
    return config;
  }

  /** Returns a copy with some settings replaced; used by tests and by the embedded launcher. */
  public Config with(Map<Setting, String> overrides) {
    Map<Setting, String> copy = new EnumMap<>(values);
    copy.putAll(overrides);
    Config config = new Config(copy);
    config.check();
    return config;
  }

  public String get(Setting setting) {
    return values.get(setting);
  }

  public int getInt(Setting setting) {
    return Integer.parseInt(values.get(setting).trim());
  }

  public boolean getBoolean(Setting setting) {
    return Boolean.parseBoolean(values.get(setting).trim());
  }

  public List<String> getList(Setting setting) {
    return Arrays.stream(values.get(setting).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  public UUID organizationId() {
    return UUID.fromString(values.get(Setting.ORGANIZATION_ID).trim());
  }

  public boolean isProduction() {
    return "production".equalsIgnoreCase(values.get(Setting.ENVIRONMENT).trim());
  }

  /** Serializes every setting so that verticles receive the configuration as deployment options. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    values.forEach((setting, value) -> json.put(setting.name(), value));
    return json;
  }

  public static Config fromJson(JsonObject json) {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      values.put(setting, json.getString(setting.name(), setting.defaultValue()));
    }
    return new Config(values);
  }

  private void check() {
    for (Setting setting : List.of(Setting.HTTP_PORT, Setting.HTTP_INSTANCES, Setting.MAX_BODY_BYTES, Setting.MAX_RECORD_BYTES,
        Setting.JWT_EXPIRATION_MINUTES, Setting.JWT_REFRESH_EXPIRATION_DAYS, Setting.CASSANDRA_PORT,
        Setting.API_KEY_CACHE_SECONDS, Setting.TOKEN_CHECK_CACHE_SECONDS, Setting.KAFKA_TOPIC_PARTITIONS,
        Setting.KAFKA_TOPIC_REPLICATION, Setting.EVENT_BUS_TIMEOUT_MS, Setting.GET_DATA_DEFAULT_LIMIT,
        Setting.GET_DATA_MAX_LIMIT, Setting.CLUSTER_PORT, Setting.EVENT_BUS_PORT)) {
      try {
        if (getInt(setting) < 0) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new ConfigException(setting, "must be a non-negative integer");
      }
    }

    if (getInt(Setting.MAX_RECORD_BYTES) > MAX_RECORD_BYTES_LIMIT) {
      throw new ConfigException(Setting.MAX_RECORD_BYTES, "must be at most " + MAX_RECORD_BYTES_LIMIT
          + " (2 MiB), because Cassandra rejects a write above 16 MiB, and a record's values can take six times its JSON");
    }

    try {
      organizationId();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(Setting.ORGANIZATION_ID, "must be a UUID such as 00000000-0000-0000-0000-000000000001");
    }

    if (!"HS256".equals(get(Setting.JWT_ALGORITHM))) {
      throw new ConfigException(Setting.JWT_ALGORITHM, "must be HS256");
    }

    for (String role : getList(Setting.CENOTOO_ROLES)) {
      if (Role.parse(role) == null) {
        throw new ConfigException(Setting.CENOTOO_ROLES, "contains unknown role '" + role
            + "'; use a comma-separated subset of " + Arrays.toString(Role.values()).toLowerCase());
      }
    }

    if (getInt(Setting.GET_DATA_DEFAULT_LIMIT) > getInt(Setting.GET_DATA_MAX_LIMIT)) {
      throw new ConfigException(Setting.GET_DATA_DEFAULT_LIMIT, "must not exceed GET_DATA_MAX_LIMIT");
    }

    for (Setting setting : List.of(Setting.RATE_LIMIT_DEFAULT, Setting.RATE_LIMIT_AUTH)) {
      try {
        RateLimit.parse(get(setting));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(setting, e.getMessage());
      }
    }

    if (get(Setting.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8).length > 72) {
      throw new ConfigException(Setting.ADMIN_PASSWORD, "must be at most 72 bytes in UTF-8, because bcrypt ignores the rest");
    }

    if (isProduction()) {
      checkNotDefault(Setting.JWT_SECRET_KEY);
      checkNotDefault(Setting.API_KEY_SECRET);
      checkNotDefault(Setting.ADMIN_PASSWORD);
    }
  }

  private void checkNotDefault(Setting setting) {
    String value = get(setting);
    if (value.equals(setting.defaultValue()) || value.equals("CHANGE_ME_IN_PRODUCTION") || value.length() < 8) {
      throw new ConfigException(setting,
          "has a default or placeholder value (or fewer than 8 characters) while ENVIRONMENT=production; set a secret value");
    }
  }

  private static JsonObject readJson(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
  }
}
