package io.cenotoo.schema;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The Kafka keys and values of a send_data request's valid records, in request order. Each value is
 * the canonical JSON that {@link NormalizedRecord#encode} writes, with its record id. Instances are
 * immutable, but the value buffers may share one byte array, so callers must not write to them.
 */
public final class EncodedBatch {

  private final List<String> keys;
  private final List<Buffer> values;

  EncodedBatch(List<String> keys, List<Buffer> values) {
    this.keys = List.copyOf(keys);
    this.values = List.copyOf(values);
  }

  /**
   * Encodes validated records, asking {@code recordIds} for the id of each record by its position
   * in the list.
   */
  public static EncodedBatch of(List<NormalizedRecord> records, IntFunction<UUID> recordIds) {
    List<String> keys = new ArrayList<>(records.size());
    List<Buffer> values = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      NormalizedRecord record = records.get(i);
      keys.add(record.key());
      values.add(Buffer.buffer(record.encode(recordIds.apply(i))));
    }
    return new EncodedBatch(keys, values);
  }

  public int size() {
    return keys.size();
  }

  /** Returns the key of the record at {@code index}, the Kafka record key. */
  public String key(int index) {
    return keys.get(index);
  }

  /** Returns the canonical JSON bytes of the record at {@code index}, the Kafka record value. */
  public Buffer value(int index) {
    return values.get(index);
  }
}
