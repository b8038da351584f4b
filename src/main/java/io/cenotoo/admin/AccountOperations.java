package io.cenotoo.admin;

import io.cenotoo.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Login and the served organization. */
final class AccountOperations {

  private static final String BAD_CREDENTIALS = "Incorrect username or password.";

  private final MetadataStore store;
  private final Passwords passwords;
  private final Tokens tokens;
  private final UUID organizationId;

  AccountOperations(MetadataStore store, Passwords passwords, Tokens tokens, UUID organizationId) {
    this.store = store;
    this.passwords = passwords;
    this.tokens = tokens;
    this.organizationId = organizationId;
  }

  /** Checks {@code username} and {@code password}; unknown users cost the same bcrypt check as known ones. */
  Future<Object> login(JsonObject request) {
    String username = request.getString("username");
    String password = request.getString("password");

    return store.one("user.get", username).compose(row -> {
      String hash = row == null ? null : row.getString("password_hash");
      return passwords.verify(password, hash).map(matches -> {
        if (!matches) {
          throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        return tokens.issuePair(username, row.getString("role"), row.getUuid("organization_id"));
      });
    });
  }

  Future<Object> organization(JsonObject request) {
    return store.one("org.get", organizationId).map(row -> {
      if (row == null) {
        throw ApiException.notFound("Organization " + organizationId + " not found.");
      }
      return Views.organization(row);
    });
  }
}
