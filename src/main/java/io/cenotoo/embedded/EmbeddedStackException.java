package io.cenotoo.embedded;

/** Raised when the embedded Cassandra or Kafka server cannot be prepared, started or reached. */
public class EmbeddedStackException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EmbeddedStackException(String message) {
    super(message);
  }

  public EmbeddedStackException(String message, Throwable cause) {
    super(message, cause);
  }
}
