package io.cenotoo.http;

import io.cenotoo.bus.Address;
import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The OAuth2 password grant. The contract's validator does not read form bodies, so this handler
 * checks the form itself, with the same problem details as contract violations.
 */
final class LoginHandler implements Handler<RoutingContext> {

  private final Vertx vertx;
  private final long timeoutMillis;

  LoginHandler(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      throw new ApiException(415, "Send the credentials as an application/x-www-form-urlencoded form with "
          + "username and password fields.");
    }

    JsonObject credentials = readForm(ctx);

    vertx.eventBus().<Object>request(Address.ADMIN_LOGIN, credentials, Forwarder.deliveryOptions(ctx, timeoutMillis))
        .onSuccess(reply -> Forwarder.writeReply(ctx, reply))
        .onFailure(ctx::fail);
  }

  private static JsonObject readForm(RoutingContext ctx) {
    String username = ctx.request().getFormAttribute("username");
    String password = ctx.request().getFormAttribute("password");
    String grantType = ctx.request().getFormAttribute("grant_type");

    List<FieldError> errors = new ArrayList<>();
    if (username == null || username.isEmpty()) {
      errors.add(new FieldError("username", "Missing required form field 'username'."));
    }
    if (password == null || password.isEmpty()) {
      errors.add(new FieldError("password", "Missing required form field 'password'."));
    }
    if (grantType != null && !grantType.isEmpty() && !"password".equals(grantType)) {
      errors.add(new FieldError("grant_type", "Unsupported grant_type '" + grantType + "'; use 'password' or omit it."));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid("The login form is incomplete or invalid.", errors);
    }
    return new JsonObject().put("username", username).put("password", password);
  }
}
