package io.cenotoo.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

  private static final Path PROJECT = Path.of(System.getProperty("cenotoo.project.dir", "."));
  private static final String NO_FILE = "does-not-exist.json";

  @Test
  void defaultsLoadWithoutFile() {
    Config config = Config.load(Map.of(Config.CONFIG_FILE_VARIABLE, NO_FILE));

    assertEquals(8000, config.getInt(Setting.HTTP_PORT));
    assertEquals("metadata", config.get(Setting.CASSANDRA_KEYSPACE));
  }

  @Test
  void environmentOverridesFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("cenotoo.json");
    Files.writeString(file, "{\"HTTP_PORT\": \"9001\", \"CASSANDRA_KEYSPACE\": \"from_file\"}");

    Config config = Config.load(Map.of(Config.CONFIG_FILE_VARIABLE, file.toString(), "HTTP_PORT", "9002"));

    assertEquals(9002, config.getInt(Setting.HTTP_PORT));
    assertEquals("from_file", config.get(Setting.CASSANDRA_KEYSPACE));
  }

  @Test
  void badNumberNamesVariable() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> Config.load(Map.of(Config.CONFIG_FILE_VARIABLE, NO_FILE, "HTTP_PORT", "eighty")));

    assertTrue(error.getMessage().contains("HTTP_PORT"), error.getMessage());
  }

  @Test
  void organizationIdMustBeUuid() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> Config.load(Map.of(Config.CONFIG_FILE_VARIABLE, NO_FILE, "ORGANIZATION_ID", "default-organization-id")));

    assertTrue(error.getMessage().contains("ORGANIZATION_ID"), error.getMessage());
  }

  @Test
  void unknownRoleIsRejected() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> Config.load(Map.of(Config.CONFIG_FILE_VARIABLE, NO_FILE, "CENOTOO_ROLES", "api,cook")));

    assertTrue(error.getMessage().contains("cook"), error.getMessage());
  }

  @Test
  void recordLimitAboveTwoMebibytesRejected() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> Config.load(Map.of(Config.CONFIG_FILE_VARIABLE, NO_FILE, "MAX_RECORD_BYTES", "2097153")));

    assertTrue(error.getMessage().contains("MAX_RECORD_BYTES"), error.getMessage());
    assertTrue(error.getMessage().contains("2097152"), error.getMessage());
    assertEquals(2_097_152, Config.load(Map.of(Config.CONFIG_FILE_VARIABLE, NO_FILE, "MAX_RECORD_BYTES", "2097152"))
        .getInt(Setting.MAX_RECORD_BYTES));
  }

  @Test
  void productionRefusesDefaultSecrets() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> Config.load(Map.of(Config.CONFIG_FILE_VARIABLE, NO_FILE, "ENVIRONMENT", "production")));

    assertTrue(error.getMessage().contains("JWT_SECRET_KEY"), error.getMessage());
  }

  @Test
  void productionRefusesPlaceholderSecret() {
    ConfigException error = assertThrows(ConfigException.class, () -> Config.load(Map.of(
        Config.CONFIG_FILE_VARIABLE, NO_FILE, "ENVIRONMENT", "production",
        "JWT_SECRET_KEY", "a-long-random-jwt-secret", "API_KEY_SECRET", "CHANGE_ME_IN_PRODUCTION",
        "ADMIN_PASSWORD", "a-long-admin-password")));

    assertTrue(error.getMessage().contains("API_KEY_SECRET"), error.getMessage());
  }

  @Test
  void productionStartsWithRealSecrets() {
    Config config = Config.load(Map.of(
        Config.CONFIG_FILE_VARIABLE, NO_FILE, "ENVIRONMENT", "production",
        "JWT_SECRET_KEY", "a-long-random-jwt-secret", "API_KEY_SECRET", "another-long-secret",
        "ADMIN_PASSWORD", "a-long-admin-password"));

    assertTrue(config.isProduction());
  }

  @Test
  void envExampleListsExactlyTheSettings() throws IOException {
    Set<String> listed = Files.readAllLines(PROJECT.resolve(".env.example")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.substring(0, line.indexOf('=')))
        .collect(Collectors.toCollection(LinkedHashSet::new));
    Set<String> settings = Arrays.stream(Setting.values()).map(Enum::name)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    settings.add(Config.CONFIG_FILE_VARIABLE);

    assertEquals(settings, listed);
  }

  @Test
  void configFileNamesOnlySettings() throws IOException {
    io.vertx.core.json.JsonObject file = new io.vertx.core.json.JsonObject(
        Files.readString(PROJECT.resolve("conf").resolve("cenotoo.json")));
    Set<String> settings = Arrays.stream(Setting.values()).map(Enum::name).collect(Collectors.toSet());

    file.fieldNames().forEach(name -> assertTrue(settings.contains(name), name + " is not a setting"));
  }
}
