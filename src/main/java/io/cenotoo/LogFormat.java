package io.cenotoo;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.cenotoo.config.Setting;
import java.net.URL;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Switches logging to one JSON object per line when {@code LOG_FORMAT=json}, for log shippers, and
 * flushes the asynchronous access log on shutdown.
 */
final class LogFormat {

  private static final String JSON_CONFIG = "logback-json.xml";

  private LogFormat() {
  }

  static void apply(Map<String, String> environment) {
    if (!"json".equalsIgnoreCase(environment.getOrDefault(Setting.LOG_FORMAT.name(), "text"))) {
      return;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    URL config = LogFormat.class.getClassLoader().getResource(JSON_CONFIG);
    try {
      context.reset();
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(config);
    } catch (JoranException e) {
      System.err.println("Cannot switch to JSON logs: " + e.getMessage());
    }
  }

  /** Stops logging after writing the lines still queued (at most about a second's wait); call it last. */
  static void flush() {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
  }
}
