package io.cenotoo.embedded;

import java.util.Map;
import java.util.Optional;

/**
 * Endpoints of Cassandra and Kafka servers that run outside this JVM's control, read from the
 * environment variables {@code CASSANDRA_CONTACT_POINTS}, {@code CASSANDRA_PORT},
 * {@code CASSANDRA_DC} and {@code KAFKA_BROKERS}.
 */
public record ExternalStack(
    String cassandraHost, int cassandraPort, String cassandraLocalDatacenter, String kafkaBootstrap)
    implements StackEndpoints {

  public static final String CONTACT_POINTS_VARIABLE = "CASSANDRA_CONTACT_POINTS";
  public static final String CASSANDRA_PORT_VARIABLE = "CASSANDRA_PORT";
  public static final String LOCAL_DATACENTER_VARIABLE = "CASSANDRA_DC";
  public static final String KAFKA_BROKERS_VARIABLE = "KAFKA_BROKERS";
  public static final int DEFAULT_CASSANDRA_PORT = 9042;

  public ExternalStack {
    if (cassandraHost == null || cassandraHost.isBlank()) {
      throw new IllegalArgumentException("Cassandra host is missing");
    }
    if (cassandraPort < 1 || cassandraPort > 65535) {
      throw new IllegalArgumentException("Cassandra port " + cassandraPort + " is not in 1..65535");
    }
    if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
      throw new IllegalArgumentException("Kafka bootstrap servers are missing");
    }
  }

  /**
   * Builds the endpoints from environment variables.
   *
   * <p>Returns empty unless both {@code CASSANDRA_CONTACT_POINTS} and {@code KAFKA_BROKERS} are set
   * and not blank. {@code CASSANDRA_CONTACT_POINTS} is {@code host}, {@code host:port} or
   * {@code [ipv6]:port}, and only its first comma-separated entry is used. A contact point without
   * a port uses {@code CASSANDRA_PORT}, else 9042.
   *
   * @throws IllegalArgumentException if a port is not a number in 1..65535
   */
  public static Optional<ExternalStack> fromEnvironment(Map<String, String> environment) {
    String contactPoints = environment.get(CONTACT_POINTS_VARIABLE);
    String brokers = environment.get(KAFKA_BROKERS_VARIABLE);
    if (contactPoints == null || contactPoints.isBlank() || brokers == null || brokers.isBlank()) {
      return Optional.empty();
    }

    String first = contactPoints.split(",")[0].trim();
    String defaultPortText = environment.get(CASSANDRA_PORT_VARIABLE);
    int defaultPort =
        defaultPortText == null || defaultPortText.isBlank()
            ? DEFAULT_CASSANDRA_PORT
            : parsePort(defaultPortText.trim(), CASSANDRA_PORT_VARIABLE);

    String host = first;
    int port = defaultPort;
    if (first.startsWith("[")) {
      int close = first.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException(
            CONTACT_POINTS_VARIABLE + " entry '" + first + "' has '[' without a closing ']'");
      }
      host = first.substring(1, close);
      if (first.length() > close + 1 && first.charAt(close + 1) == ':') {
        port = parsePort(first.substring(close + 2), CONTACT_POINTS_VARIABLE);
      }
    } else if (first.indexOf(':') > 0 && first.indexOf(':') == first.lastIndexOf(':')) {
      int colon = first.indexOf(':');
      host = first.substring(0, colon);
      port = parsePort(first.substring(colon + 1), CONTACT_POINTS_VARIABLE);
    }

    String datacenter = environment.get(LOCAL_DATACENTER_VARIABLE);
    if (datacenter == null || datacenter.isBlank()) {
      datacenter = DEFAULT_LOCAL_DATACENTER;
    }
    return Optional.of(new ExternalStack(host, port, datacenter.trim(), brokers.trim()));
  }

  private static int parsePort(String text, String variable) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Falls through to the common error below.
    }
    throw new IllegalArgumentException(
        variable + " has invalid port '" + text + "'; expected a number in 1..65535");
  }
}
