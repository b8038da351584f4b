package io.cenotoo.admin;

import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Password strength rules, applied when a user is created or changes its password. A password needs
 * at least 8 characters with an uppercase letter, a lowercase letter, a digit and a special
 * character. It may have at most 72 bytes in UTF-8, because bcrypt ignores every later byte.
 */
final class PasswordRules {

  static final int MIN_LENGTH = 8;
  static final int MAX_BYTES = Passwords.MAX_BYTES;
  static final String SPECIAL_CHARACTERS = "!@#$%^&*(),.?\":{}|<>-_=+[]\\;'/`~";

  private PasswordRules() {
  }

  /** Returns the password, or throws 422 listing every rule it breaks in one message. */
  static String require(String password) {
    List<String> missing = missingItems(password);
    if (!missing.isEmpty()) {
      String message = "Password must contain " + String.join(", ", missing) + ".";
      throw ApiException.invalid(message, List.of(new FieldError("password", message)));
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      String message = "Password must be at most " + MAX_BYTES + " bytes in UTF-8, because bcrypt ignores the rest.";
      throw ApiException.invalid(message, List.of(new FieldError("password", message)));
    }
    return password;
  }

  /** Returns the missing items in the order of the rules, empty when none is missing. */
  static List<String> missingItems(String password) {
    String value = password == null ? "" : password;
    List<String> missing = new ArrayList<>();
    if (value.codePointCount(0, value.length()) < MIN_LENGTH) {
      missing.add("at least " + MIN_LENGTH + " characters");
    }
    if (value.chars().noneMatch(c -> c >= 'A' && c <= 'Z')) {
      missing.add("an uppercase letter");
    }
    if (value.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
      missing.add("a lowercase letter");
    }
    if (value.chars().noneMatch(c -> c >= '0' && c <= '9')) {
      missing.add("a digit");
    }
    if (value.chars().noneMatch(c -> SPECIAL_CHARACTERS.indexOf(c) >= 0)) {
      missing.add("a special character from " + SPECIAL_CHARACTERS);
    }
    return missing;
  }
}
