package io.cenotoo.embedded;

/** Shared steps of the readiness loops in {@link CassandraNode} and {@link KafkaNode}. */
final class Readiness {

  private static final long POLL_INTERVAL_MILLIS = 500;

  private Readiness() {}

  /** Throws with the log tail if the child has exited. */
  static void requireAlive(ChildProcess child) {
    if (!child.isAlive()) {
      throw new EmbeddedStackException(
          child.name()
              + " exited with code "
              + child.process().exitValue()
              + " during start-up\n"
              + child.logTail());
    }
  }

  /**
   * Sleeps before the next check, or throws with the log tail once the deadline has passed.
   *
   * @param lastError the last failure of the readiness check, added as the cause; may be null
   */
  static void sleepUntilNextAttempt(ChildProcess child, long deadlineNanos, Throwable lastError) {
    if (System.nanoTime() - deadlineNanos >= 0) {
      throw new EmbeddedStackException(
          "Timed out waiting for " + child.name() + " to start\n" + child.logTail(), lastError);
    }
    try {
      Thread.sleep(POLL_INTERVAL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedStackException("Interrupted while waiting for " + child.name() + " to start", e);
    }
  }
}
