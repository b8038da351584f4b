package io.cenotoo.error;

import java.util.List;

/**
 * A failure that a client can act on, carrying the HTTP status it maps to. Owner verticles fail
 * event-bus messages with {@link #status()} as the failure code, and the HTTP failure handler
 * writes it as RFC 9457 problem details.
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final List<FieldError> errors;

  public ApiException(int status, String detail) {
    this(status, detail, List.of());
  }

  public ApiException(int status, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public int status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, detail);
  }

  public static ApiException invalid(String detail, List<FieldError> errors) {
    return new ApiException(422, detail, errors);
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(401, detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, detail);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(409, detail);
  }
}
