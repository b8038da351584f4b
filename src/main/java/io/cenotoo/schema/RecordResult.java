package io.cenotoo.schema;

import io.cenotoo.error.FieldError;
import java.util.List;

/**
 * The outcome of validating one record: either the normalised record or its errors, never both.
 *
 * @param index the record's position in its batch, or 0 from {@link RecordValidator#validateOne}
 * @param record the normalised record, or null when there are errors
 * @param errors every problem found, empty when the record is valid
 */
public record RecordResult(int index, NormalizedRecord record, List<FieldError> errors) {

  public RecordResult {
    errors = List.copyOf(errors);
  }

  public boolean isValid() {
    return errors.isEmpty();
  }
}
