package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.testing.Api;
import io.cenotoo.testing.Api.Auth;
import io.cenotoo.testing.Api.Response;
import io.cenotoo.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Organization and user routes: uniqueness, updates, password rules and the order of checks. */
class UsersAndOrganizationsTest {

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
  void organizationNamesAreUnique() {
    String name = Api.uniqueName("org");
    JsonObject body = new JsonObject().put("organization_name", name).put("description", "d");

    Response first = api.post("/api/v1/organizations", body, admin);
    Response second = api.post("/api/v1/organizations", body, admin);

    assertEquals(201, first.status(), first.toString());
    assertEquals(409, second.status(), second.toString());
    assertTrue(api.get("/api/v1/organizations", admin).array().stream()
        .anyMatch(org -> name.equals(((JsonObject) org).getString("organization_name"))));
  }

  @Test
  void invalidOrganizationNameNamesField() {
    Response response = api.post("/api/v1/organizations", new JsonObject().put("organization_name", "bad name"), admin);

    assertEquals(422, response.status(), response.toString());
    assertEquals("organization_name", response.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void organizationUpdateClearsFields() {
    Response set = api.put("/api/v1/organization", new JsonObject().put("description", "x")
        .put("tags", new JsonArray().add("t")), admin);
    Response clear = api.put("/api/v1/organization", new JsonObject().putNull("description")
        .put("tags", new JsonArray()), admin);
    JsonObject organization = api.get("/api/v1/organization", admin).json();

    assertEquals(200, set.status(), set.toString());
    assertEquals(200, clear.status(), clear.toString());
    assertEquals(null, organization.getString("description"));
    assertEquals(new JsonArray(), organization.getJsonArray("tags"));
    assertEquals(422, api.put("/api/v1/organization", new JsonObject(), admin).status());
  }

  @Test
  void servedOrganizationWithProjectsIsNotDeleted() {
    api.createProject(admin);

    Response response = api.delete("/api/v1/organization", null, admin);

    assertEquals(409, response.status(), response.toString());
    assertEquals(200, api.get("/api/v1/organization", admin).status());
  }

  @Test
  void usernamesAreUnique() {
    String username = Api.uniqueName("dup");
    JsonObject body = new JsonObject().put("username", username).put("password", PASSWORD);

    assertEquals(201, api.post(usersPath, body, admin).status());
    Response second = api.post(usersPath, body, admin);

    assertEquals(409, second.status(), second.toString());
    Response otherOrganization = api.post("/api/v1/organizations/" + createOrganization() + "/users", body, admin);
    assertEquals(409, otherOrganization.status(), otherOrganization.toString());
  }

  @Test
  void weakPasswordListsEveryMissingItem() {
    Response response = api.post(usersPath, new JsonObject().put("username", Api.uniqueName("weak"))
        .put("password", "abc"), admin);

    assertEquals(422, response.status(), response.toString());
    String detail = response.json().getString("detail");
    assertTrue(detail.contains("at least 8 characters"), detail);
    assertTrue(detail.contains("an uppercase letter"), detail);
    assertTrue(detail.contains("a digit"), detail);
    assertTrue(detail.contains("a special character"), detail);
    assertEquals("password", response.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void usersOfUnknownOrganizationGet404() {
    Response response = api.get("/api/v1/organizations/" + UUID.randomUUID() + "/users", admin);

    assertEquals(404, response.status(), response.toString());
  }

  /** A member gets 403 for another username whether it exists or not, so it cannot probe usernames. */
  @Test
  void memberCannotProbeOtherUsers() {
    String member = Auth.bearer(api.createMember(Api.uniqueName("probe"), PASSWORD, admin)).value();
    Auth memberAuth = new Auth("Authorization", member);
    String existing = Api.uniqueName("victim");
    api.createMember(existing, PASSWORD, admin);

    Response onExisting = api.put(usersPath + "/update_password", new JsonObject().put("username", existing)
        .put("password", "Changed-password-2"), memberAuth);
    Response onMissing = api.put(usersPath + "/update_password", new JsonObject().put("username", "no_such_user")
        .put("password", "Changed-password-2"), memberAuth);
    Response deleteExisting = api.delete(usersPath, new JsonObject().put("username", existing), memberAuth);
    Response deleteMissing = api.delete(usersPath, new JsonObject().put("username", "no_such_user"), memberAuth);

    assertEquals(403, onExisting.status(), onExisting.toString());
    assertEquals(403, onMissing.status(), onMissing.toString());
    assertEquals(403, deleteExisting.status(), deleteExisting.toString());
    assertEquals(403, deleteMissing.status(), deleteMissing.toString());
    assertEquals(404, api.delete(usersPath, new JsonObject().put("username", "no_such_user"), admin).status());
  }

  @Test
  void createdUserIsListed() {
    String username = Api.uniqueName("listed");
    api.createMember(username, PASSWORD, admin);

    Response list = api.get(usersPath + "?limit=200", admin);

    assertEquals(200, list.status(), list.toString());
    assertTrue(list.json().getJsonArray("items").contains(new JsonObject().put("username", username)), list.toString());
  }

  private static String createOrganization() {
    Response response = api.post("/api/v1/organizations", new JsonObject().put("organization_name", Api.uniqueName("o")),
        admin);
    Api.expect(201, response);
    return response.json().getString("organization_id");
  }
}
