package io.cenotoo.bus;

import io.cenotoo.admin.KeyType;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The authenticated caller of a request, as the HTTP verticle forwards it to the owners: either a
 * user (from an access token) or an API key of one project.
 */
public record Principal(String username, boolean superadmin, UUID organizationId, UUID keyId, UUID projectId,
    KeyType keyType) {

  public static final String ROLE_SUPERADMIN = "superadmin";

  public static Principal user(String username, boolean superadmin, UUID organizationId) {
    return new Principal(username, superadmin, organizationId, null, null, null);
  }

  public static Principal apiKey(UUID keyId, UUID projectId, KeyType keyType) {
    return new Principal(null, false, null, keyId, projectId, keyType);
  }

  public boolean isKey() {
    return keyId != null;
  }

  /** Returns a short, non-secret description for logs. */
  public String logName() {
    return isKey() ? "key:" + keyId : "user:" + username;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (isKey()) {
      json.put("key_id", keyId.toString()).put("project_id", projectId.toString()).put("key_type", keyType.label());
    } else {
      json.put("username", username).put("superadmin", superadmin);
      if (organizationId != null) {
        json.put("organization_id", organizationId.toString());
      }
    }
    return json;
  }

  public static Principal fromJson(JsonObject json) {
    if (json == null) {
      return null;
    }
    if (json.containsKey("key_id")) {
      return apiKey(UUID.fromString(json.getString("key_id")), UUID.fromString(json.getString("project_id")),
          KeyType.parse(json.getString("key_type")));
    }
    String organization = json.getString("organization_id");
    return user(json.getString("username"), json.getBoolean("superadmin", false),
        organization == null ? null : UUID.fromString(organization));
  }
}
