package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.cenotoo.testing.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Refresh rotation, revocation, and the end of a user's tokens on password change or deletion. */
class TokenLifecycleTest {

  private static final String PASSWORD = "Member-password-1";

  private static Api api;
  private static Auth admin;
  private static String usersPath;

  @BeforeAll
  static void logIn() {
    api = Api.forTestNode();
    admin = Auth.bearer(api.adminToken());
    usersPath = "/api/v1/organizations/" + TestNode.get().config().organizationId() + "/users";
  }

  @Test
  void refreshRotatesRefreshToken() {
    JsonObject first = api.login(TestNode.ADMIN_USERNAME, TestNode.ADMIN_PASSWORD).json();

    Response refreshed = refresh(first.getString("refresh_token"));
    Response reused = refresh(first.getString("refresh_token"));

    assertEquals(200, refreshed.status(), refreshed.toString());
    assertNotEquals(first.getString("refresh_token"), refreshed.json().getString("refresh_token"));
    assertEquals(200, api.get("/api/v1/projects", Auth.bearer(refreshed.json().getString("access_token"))).status());
    assertEquals(401, reused.status(), reused.toString());
    assertEquals(200, refresh(refreshed.json().getString("refresh_token")).status());
  }

  @Test
  void accessTokenIsNotARefreshToken() {
    Response response = refresh(api.adminToken());

    assertEquals(401, response.status(), response.toString());
  }

  @Test
  void revokedAccessTokenGets401() {
    String token = api.adminToken();
    assertEquals(200, api.get("/api/v1/projects", Auth.bearer(token)).status());

    Response revoke = api.post("/api/v1/token/revoke", new JsonObject().put("token", token), Auth.NONE);
    Response after = api.get("/api/v1/projects", Auth.bearer(token));

    assertEquals(200, revoke.status(), revoke.toString());
    assertEquals(401, after.status(), after.toString());
  }

  @Test
  void revokingInvalidTokenGets401() {
    Response response = api.post("/api/v1/token/revoke", new JsonObject().put("token", "not-a-token"), Auth.NONE);

    assertEquals(401, response.status(), response.toString());
  }

  @Test
  void revokedRefreshTokenCannotRefresh() {
    String refresh = api.login(TestNode.ADMIN_USERNAME, TestNode.ADMIN_PASSWORD).json().getString("refresh_token");

    api.post("/api/v1/token/revoke", new JsonObject().put("token", refresh), Auth.NONE);

    assertEquals(401, refresh(refresh).status());
  }

  @Test
  void passwordChangeEndsEarlierTokens() throws InterruptedException {
    String username = Api.uniqueName("pw");
    String token = api.createMember(username, PASSWORD, admin);
    String refresh = api.login(username, PASSWORD).json().getString("refresh_token");
    // Token issue times have whole seconds; the change must fall in a later second.
    Thread.sleep(1100);

    Response change = api.put(usersPath + "/update_password",
        new JsonObject().put("username", username).put("password", "Changed-password-2"), Auth.bearer(token));

    assertEquals(200, change.status(), change.toString());
    assertEquals(401, api.get("/api/v1/projects", Auth.bearer(token)).status());
    assertEquals(401, refresh(refresh).status());
    assertEquals(401, api.login(username, PASSWORD).status());
    String fresh = api.login(username, "Changed-password-2").json().getString("access_token");
    assertEquals(200, api.get("/api/v1/projects", Auth.bearer(fresh)).status());
  }

  @Test
  void deletedUserTokenGets401() {
    String username = Api.uniqueName("gone");
    String token = api.createMember(username, PASSWORD, admin);

    Response delete = api.delete(usersPath, new JsonObject().put("username", username), admin);

    assertEquals(200, delete.status(), delete.toString());
    assertEquals(401, api.get("/api/v1/projects", Auth.bearer(token)).status());
  }

  private static Response refresh(String token) {
    return api.post("/api/v1/token/refresh", new JsonObject().put("refresh_token", token), Auth.NONE);
  }
}
