package io.cenotoo.admin;

import io.cenotoo.config.Config;
import io.cenotoo.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.UUID;

/**
 * Issues HS256 tokens. Access tokens carry the username ({@code sub}), the role and the
 * organization, so the HTTP verticle authorizes without a database read; every token has a
 * {@code jti}, an {@code iat} (issue time in whole seconds) and a {@code type} of {@code access}
 * or {@code refresh}.
 */
public final class Tokens {

  private final JWTAuth jwt;
  private final int accessMinutes;
  private final int refreshDays;

  public Tokens(Vertx vertx, Config config) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(config.get(Setting.JWT_SECRET_KEY))));
    this.accessMinutes = config.getInt(Setting.JWT_EXPIRATION_MINUTES);
    this.refreshDays = config.getInt(Setting.JWT_REFRESH_EXPIRATION_DAYS);
  }

  /** Returns the OAuth2 token response for a user. */
  public JsonObject issuePair(String username, String role, UUID organizationId) {
    JsonObject claims = new JsonObject().put("sub", username).put("role", role == null ? "user" : role);
    if (organizationId != null) {
      claims.put("org", organizationId.toString());
    }
    String access = jwt.generateToken(claims.copy().put("type", "access").put("jti", UUID.randomUUID().toString()),
        new JWTOptions().setExpiresInMinutes(accessMinutes));
    String refresh = jwt.generateToken(claims.copy().put("type", "refresh").put("jti", UUID.randomUUID().toString()),
        new JWTOptions().setExpiresInMinutes(refreshDays * 24 * 60));
    return new JsonObject()
        .put("access_token", access)
        .put("refresh_token", refresh)
        .put("token_type", "bearer")
        .put("expires_in", accessMinutes * 60);
  }

  /**
   * Checks the signature and expiry of a token and succeeds with its claims; fails with the JWT
   * library's error when either check fails.
   */
  public Future<JsonObject> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token)).map(user -> {
      // vertx-auth-jwt 5 keeps the full payload in the accessToken attribute; the principal lacks exp and iat.
      JsonObject payload = user.attributes().getJsonObject("accessToken");
      return payload != null ? payload : user.principal();
    });
  }
}
