package io.cenotoo.bus;

import io.cenotoo.schema.BatchEncoder;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.RecordValidator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Resolves collections through the admin owner and caches them with their compiled validators and
 * encoders. A collection's schema never changes, so the cache only matters when a collection is
 * deleted: the admin owner's removal event drops it at once on every node, and {@link #TTL_MILLIS}
 * bounds how long it stays usable when that event is lost. Use from one verticle's event loop only.
 */
public final class CollectionResolver {

  public static final long TTL_MILLIS = 5_000;
  private static final int MAX_ENTRIES = 10_000;
  private static final long TIMEOUT_MILLIS = 10_000;

  private final Vertx vertx;
  private final Map<UUID, Entry> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<UUID, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** Must be created on the owning verticle's context, where the removal events are then handled. */
  public CollectionResolver(Vertx vertx) {
    this.vertx = vertx;
    vertx.eventBus().<JsonObject>consumer(Address.COLLECTION_REMOVED,
        event -> cache.remove(UUID.fromString(event.body().getString("collection_id"))));
  }

  /** Succeeds with the collection, or fails with the admin owner's 404 when it does not exist. */
  public Future<ResolvedCollection> resolve(UUID projectId, UUID collectionId) {
    Entry entry = cache.get(collectionId);
    if (entry != null && entry.expiresAt > System.currentTimeMillis() && entry.collection.projectId().equals(projectId)) {
      return Future.succeededFuture(entry.collection);
    }

    JsonObject request = new JsonObject().put("project_id", projectId.toString()).put("collection_id", collectionId.toString());
    return vertx.eventBus().<JsonObject>request(Address.ADMIN_RESOLVE_COLLECTION, request,
            new DeliveryOptions().setSendTimeout(TIMEOUT_MILLIS))
        .map(reply -> {
          JsonObject body = reply.body();
          CollectionSchema schema = entry != null && entry.encodedSchema.equals(body.getString("schema"))
              ? entry.collection.schema() : CollectionSchema.decode(body.getString("schema"));
          boolean sameSchema = entry != null && entry.collection.schema() == schema;
          RecordValidator validator = sameSchema ? entry.collection.validator() : new RecordValidator(schema);
          BatchEncoder batchEncoder = sameSchema ? entry.collection.batchEncoder() : new BatchEncoder(schema);
          ResolvedCollection collection = new ResolvedCollection(projectId, collectionId, body.getString("name"), schema,
              validator, batchEncoder);
          cache.put(collectionId, new Entry(collection, body.getString("schema"), System.currentTimeMillis() + TTL_MILLIS));
          return collection;
        });
  }

  private record Entry(ResolvedCollection collection, String encodedSchema, long expiresAt) {
  }
}
