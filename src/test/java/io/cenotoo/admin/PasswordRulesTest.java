package io.cenotoo.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.error.ApiException;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PasswordRulesTest {

  @Test
  void strongPasswordPasses() {
    assertEquals("Strong-password-1", PasswordRules.require("Strong-password-1"));
  }

  @Test
  void everyMissingItemIsListedInOrder() {
    assertEquals(List.of("at least 8 characters", "an uppercase letter", "a lowercase letter", "a digit",
        "a special character from " + PasswordRules.SPECIAL_CHARACTERS), PasswordRules.missingItems(""));
  }

  @Test
  void eachRuleIsCheckedAlone() {
    assertEquals(List.of("at least 8 characters"), PasswordRules.missingItems("Ab1-"));
    assertEquals(List.of("an uppercase letter"), PasswordRules.missingItems("abcdefg1-"));
    assertEquals(List.of("a lowercase letter"), PasswordRules.missingItems("ABCDEFG1-"));
    assertEquals(List.of("a digit"), PasswordRules.missingItems("Abcdefgh-"));
    assertEquals(List.of("a special character from " + PasswordRules.SPECIAL_CHARACTERS),
        PasswordRules.missingItems("Abcdefgh1"));
  }

  @Test
  void everyListedSpecialCharacterCounts() {
    for (char special : PasswordRules.SPECIAL_CHARACTERS.toCharArray()) {
      assertEquals(List.of(), PasswordRules.missingItems("Abcdefg1" + special), "special character " + special);
    }
  }

  @Test
  void weakPasswordIs422NamingPassword() {
    ApiException failure = assertThrows(ApiException.class, () -> PasswordRules.require("short"));

    assertEquals(422, failure.status());
    assertEquals("password", failure.errors().get(0).field());
    assertTrue(failure.getMessage().startsWith("Password must contain at least 8 characters, an uppercase letter"),
        failure.getMessage());
  }

  @Test
  void passwordAboveMaxBytesIs422() {
    String tooLong = "Aa1-" + "x".repeat(PasswordRules.MAX_BYTES - 3);

    ApiException failure = assertThrows(ApiException.class, () -> PasswordRules.require(tooLong));

    assertEquals(422, failure.status());
    assertTrue(failure.getMessage().contains(String.valueOf(PasswordRules.MAX_BYTES)), failure.getMessage());
  }

  /** Multi-byte characters count by their UTF-8 bytes, because that is what bcrypt reads. */
  @Test
  void maxLengthCountsUtf8Bytes() {
    String accented = "Aa1-" + "é".repeat(35);

    assertThrows(ApiException.class, () -> PasswordRules.require(accented));
  }

  @Test
  void longestAllowedPasswordHashesAndVerifies() throws Exception {
    String longest = "Aa1-" + "x".repeat(PasswordRules.MAX_BYTES - 4);
    PasswordRules.require(longest);
    Vertx vertx = Vertx.vertx();
    try {
      Passwords passwords = new Passwords(vertx);
      String hash = passwords.hash(longest).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      assertTrue(passwords.verify(longest, hash).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    } finally {
      vertx.close();
    }
  }
}
