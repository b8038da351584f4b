package io.cenotoo.admin;

import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import java.util.List;
import java.util.regex.Pattern;

/** The naming rule of organizations, projects, collections and users. */
final class Names {

  static final int MAX_LENGTH = 48;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1," + MAX_LENGTH + "}");

  private Names() {
  }

  /** Returns the name, or throws 422 naming the field when it breaks the rule. */
  static String require(String field, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw ApiException.invalid("Invalid " + field + " '" + value + "'.", List.of(new FieldError(field,
          "Names are 1 to " + MAX_LENGTH + " characters of Latin letters, digits and underscores.")));
    }
    return value;
  }
}
