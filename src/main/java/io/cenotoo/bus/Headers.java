package io.cenotoo.bus;

/** Event-bus message headers shared by the HTTP verticle and the owners. */
public final class Headers {

  /** HTTP status of a successful reply when it is not 200, such as 201. */
  public static final String STATUS = "status";
  public static final String REQUEST_ID = "request-id";
  public static final String PROJECT_ID = "project-id";
  public static final String COLLECTION_ID = "collection-id";
  /** The send_data request's {@code Idempotency-Key} header, when it has one. */
  public static final String IDEMPOTENCY_KEY = "idempotency-key";
  /** Principal of the request as JSON text; see {@code io.cenotoo.http.Principal}. */
  public static final String PRINCIPAL = "principal";

  private Headers() {
  }
}
