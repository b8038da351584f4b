package io.cenotoo.bus;

import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.RecordValidator;
import java.util.UUID;

/** A collection as the data owners use it: its ids, name, schema and the validator compiled from it. */
public record ResolvedCollection(UUID projectId, UUID collectionId, String name, CollectionSchema schema,
    RecordValidator validator) {
}
