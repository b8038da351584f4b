package io.cenotoo.bus;

import io.cenotoo.schema.BatchEncoder;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.RecordValidator;
import java.util.UUID;

/**
 * A collection as the data owners use it: its ids, name, schema, and the validator and the
 * send_data batch encoder compiled from the schema.
 */
public record ResolvedCollection(UUID projectId, UUID collectionId, String name, CollectionSchema schema,
    RecordValidator validator, BatchEncoder batchEncoder) {
}
