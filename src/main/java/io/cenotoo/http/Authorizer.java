package io.cenotoo.http;

import io.cenotoo.bus.Principal;
import io.cenotoo.error.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * Decides whether the authenticated caller may call the operation, from the operation's
 * {@link Access}. It runs after the contract's security handlers, so the caller is known; owners
 * still check that the resources exist and belong to the served organization.
 */
final class Authorizer implements Handler<RoutingContext> {

  static final String PRINCIPAL_KEY = "cenotoo.principal";
  static final String PRINCIPAL_LOG_KEY = "cenotoo.principal.log";
  private static final String ACCESS_TOKEN_TYPE = "access";

  private final Operation operation;
  private final UUID organizationId;

  Authorizer(Operation operation, UUID organizationId) {
    this.operation = operation;
    this.organizationId = organizationId;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Access access = operation.access();
    if (access == Access.PUBLIC) {
      ctx.next();
      return;
    }

    Principal principal = principalOf(ctx.user());
    ctx.put(PRINCIPAL_KEY, principal);
    ctx.put(PRINCIPAL_LOG_KEY, principal.logName());

    if (principal.isKey()) {
      checkKey(ctx, principal, access);
    } else {
      checkUser(principal, access);
    }
    ctx.next();
  }

  private void checkUser(Principal principal, Access access) {
    if (principal.superadmin() && access.allowsSuperadmin()) {
      return;
    }
    if (!access.allowsMembers()) {
      throw ApiException.forbidden("This operation needs a superadmin access token.");
    }
    if (!access.allowsAnyOrganization() && !organizationId.equals(principal.organizationId())) {
      throw ApiException.forbidden("Your user does not belong to the organization this service serves.");
    }
  }

  private static void checkKey(RoutingContext ctx, Principal principal, Access access) {
    if (access.minimumKey() == null) {
      throw ApiException.forbidden("API keys cannot call " + ctx.request().method() + " " + ctx.request().path()
          + "; use an access token from POST /api/v1/token.");
    }
    // A malformed project id is a client error for any caller, so it gets a 400 before the ownership check.
    if (ctx.pathParam("project_id") == null
        || !PathParameters.uuid(ctx, "project_id").equals(principal.projectId().toString())) {
      throw ApiException.forbidden("This API key belongs to another project.");
    }
    if (!principal.keyType().atLeast(access.minimumKey())) {
      throw ApiException.forbidden("A " + principal.keyType().label() + " key cannot call this operation; it needs a "
          + access.minimumKey().label() + " key or stronger.");
    }
  }

  private static Principal principalOf(User user) {
    if (user == null) {
      throw ApiException.unauthorized("Missing credentials; send 'Authorization: Bearer <access token>'.");
    }
    JsonObject keyPrincipal = user.attributes().getJsonObject(ApiKeyAuthenticator.PRINCIPAL_ATTRIBUTE);
    if (keyPrincipal != null) {
      return Principal.fromJson(keyPrincipal);
    }

    JsonObject claims = user.principal();
    if (!claims.containsKey("sub") && user.attributes().containsKey("accessToken")) {
      claims = user.attributes().getJsonObject("accessToken");
    }
    if (!ACCESS_TOKEN_TYPE.equals(claims.getString("type")) || claims.getString("sub") == null) {
      throw ApiException.unauthorized("This token is not an access token; use the access_token from POST /api/v1/token.");
    }
    String organization = claims.getString("org");
    return Principal.user(claims.getString("sub"), Principal.ROLE_SUPERADMIN.equals(claims.getString("role")),
        organization == null ? null : UUID.fromString(organization));
  }
}
