package io.cenotoo.http;

import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/** Reads path parameters on routes whose contract validation is switched off or has not run yet. */
final class PathParameters {

  private PathParameters() {
  }

  /**
   * Returns a UUID path parameter in canonical lower-case form.
   *
   * @throws ApiException with status 400 naming the parameter when it is missing or not a UUID
   */
  static String uuid(RoutingContext ctx, String name) {
    String value = ctx.pathParam(name);
    try {
      return UUID.fromString(value).toString();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ApiException(400, "Path parameter " + name + " must be a UUID; got '" + value + "'.",
          List.of(new FieldError(name, "Must be a UUID such as 3f2b8c1e-0000-4000-8000-000000000000.")));
    }
  }
}
