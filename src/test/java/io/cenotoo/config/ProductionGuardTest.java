package io.cenotoo.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ENVIRONMENT=production refuses default, placeholder and short secrets. */
class ProductionGuardTest {

  private static Map<String, String> production() {
    Map<String, String> environment = new HashMap<>();
    environment.put(Config.CONFIG_FILE_VARIABLE, "does-not-exist.json");
    environment.put(Setting.ENVIRONMENT.name(), "production");
    environment.put(Setting.JWT_SECRET_KEY.name(), "a-long-random-jwt-secret");
    environment.put(Setting.API_KEY_SECRET.name(), "a-long-random-key-secret");
    environment.put(Setting.ADMIN_PASSWORD.name(), "A-long-admin-password-1");
    return environment;
  }

  @Test
  void secretValuesStart() {
    assertTrue(Config.load(production()).isProduction());
  }

  @Test
  void defaultsAreRefused() {
    for (Setting setting : new Setting[] {Setting.JWT_SECRET_KEY, Setting.API_KEY_SECRET, Setting.ADMIN_PASSWORD}) {
      Map<String, String> environment = production();
      environment.remove(setting.name());

      ConfigException failure = assertThrows(ConfigException.class, () -> Config.load(environment), setting.name());

      assertTrue(failure.getMessage().contains(setting.name()), failure.getMessage());
    }
  }

  @Test
  void placeholderAndShortValuesAreRefused() {
    for (String value : new String[] {"CHANGE_ME_IN_PRODUCTION", "short"}) {
      Map<String, String> environment = production();
      environment.put(Setting.JWT_SECRET_KEY.name(), value);

      assertThrows(ConfigException.class, () -> Config.load(environment), value);
    }
  }

  @Test
  void developmentAcceptsDefaults() {
    Map<String, String> environment = Map.of(Config.CONFIG_FILE_VARIABLE, "does-not-exist.json");

    assertEquals(false, Config.load(environment).isProduction());
  }
}
