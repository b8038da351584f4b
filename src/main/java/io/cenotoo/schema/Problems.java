package io.cenotoo.schema;

import io.cenotoo.error.FieldError;
import java.util.ArrayList;
import java.util.List;

/** The errors of one record, with the record's batch position such as {@code [3]} put before each path. */
final class Problems {

  private final String prefix;
  private List<FieldError> errors;

  /** Creates an error list whose fields start with {@code prefix}, which may be empty. */
  Problems(String prefix) {
    this.prefix = prefix;
  }

  void add(String path, String message) {
    if (errors == null) {
      errors = new ArrayList<>();
    }
    errors.add(new FieldError(field(path), message));
  }

  boolean isEmpty() {
    return errors == null;
  }

  List<FieldError> list() {
    return errors == null ? List.of() : List.copyOf(errors);
  }

  private String field(String path) {
    if (prefix.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? prefix : prefix + "." + path;
  }
}
