package io.cenotoo.schema;

import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import java.util.ArrayList;
import java.util.List;

/** The outcomes of validating a batch of records, one per record in batch order. */
public record ValidatedBatch(List<RecordResult> results) {

  public ValidatedBatch {
    results = List.copyOf(results);
  }

  /** Returns whether every record is valid. */
  public boolean isValid() {
    for (RecordResult result : results) {
      if (!result.isValid()) {
        return false;
      }
    }
    return true;
  }

  /** Returns the valid records in batch order, skipping invalid ones. */
  public List<NormalizedRecord> records() {
    List<NormalizedRecord> records = new ArrayList<>(results.size());
    for (RecordResult result : results) {
      if (result.isValid()) {
        records.add(result.record());
      }
    }
    return records;
  }

  /** Returns every error of every record, each field starting with the record index such as {@code [3]}. */
  public List<FieldError> errors() {
    List<FieldError> errors = new ArrayList<>();
    for (RecordResult result : results) {
      errors.addAll(result.errors());
    }
    return errors;
  }

  /** Returns the batch positions of the invalid records, in ascending order. */
  public List<Integer> invalidIndexes() {
    List<Integer> indexes = new ArrayList<>();
    for (RecordResult result : results) {
      if (!result.isValid()) {
        indexes.add(result.index());
      }
    }
    return indexes;
  }

  /**
   * Returns all records when every one is valid.
   *
   * @throws ApiException with status 422 and every error when any record is invalid
   */
  public List<NormalizedRecord> requireValid() {
    List<Integer> invalid = invalidIndexes();
    if (!invalid.isEmpty()) {
      throw ApiException.invalid("Invalid records: " + invalid.size() + " of " + results.size()
          + " records have errors; see errors.", errors());
    }
    return records();
  }
}
