package io.cenotoo.embedded;

/** Raised when another live JVM runs an embedded stack in the requested work directory. */
public class WorkDirInUseException extends EmbeddedStackException {

  private static final long serialVersionUID = 1L;

  public WorkDirInUseException(String message) {
    super(message);
  }
}
