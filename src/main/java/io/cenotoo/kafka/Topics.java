package io.cenotoo.kafka;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Topic names. Each collection has its own topic named after its id, so deleting and re-creating a
 * collection with the same name never meets a topic that Kafka is still deleting.
 */
public final class Topics {

  public static final String PREFIX = "cenotoo.data.";
  /** The sink subscribes to every collection topic through this pattern. */
  public static final Pattern ALL_COLLECTIONS = Pattern.compile(Pattern.quote(PREFIX) + "[0-9a-f-]{36}");

  /** Kafka record headers carried by every published record. */
  public static final String HEADER_PROJECT_ID = "cenotoo-project-id";
  public static final String HEADER_COLLECTION_ID = "cenotoo-collection-id";

  /**
   * Topic of the records that the sink cannot store: values that do not decode and rows that
   * Cassandra rejects. It does not match {@link #ALL_COLLECTIONS}.
   */
  public static final String DEAD_LETTER = "cenotoo.dead-letter";
  /** Header of a dead letter with the reason why the sink could not store it. */
  public static final String HEADER_ERROR = "cenotoo-error";
  /** Header of a dead letter with its source as {@code topic/partition@offset}. */
  public static final String HEADER_SOURCE = "cenotoo-source";

  private Topics() {
  }

  public static String forCollection(UUID collectionId) {
    return PREFIX + collectionId;
  }
}
