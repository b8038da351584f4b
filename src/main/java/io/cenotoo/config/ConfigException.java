package io.cenotoo.config;

/** A configuration value that stops start-up; the message names the variable and the fix. */
public final class ConfigException extends RuntimeException {

  public ConfigException(Setting setting, String problem) {
    super("Invalid configuration: " + setting.name() + " " + problem + ".");
  }
}
