package io.cenotoo.sink;

import io.cenotoo.bus.CollectionResolver;
import io.cenotoo.bus.ResolvedCollection;
import io.cenotoo.kafka.Topics;
import io.cenotoo.schema.CollectionSchema;
import io.cenotoo.schema.DecodedRecord;
import io.cenotoo.schema.RecordDecoder;
import io.cenotoo.tracing.Tracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the records of one poll: groups them by the collection named in their headers, resolves
 * each collection, decodes the records and writes them in the sink's write span. Records without
 * collection headers are skipped, so their offsets get committed. Records of a deleted collection
 * are skipped too, and {@code collectionDeleted} gets its id. Values that do not decode, and rows
 * that Cassandra rejects even one at a time, go to the {@link DeadLetters}, so that they neither
 * stop the sink nor get lost. Use from the sink's event loop.
 *
 * <p>A poll is stored in slices of about {@link #SLICE_BYTES} of record values, one after the
 * other, because decoding and binding keep two more copies of each record until it is written.
 * A poll of small records is one slice.
 */
final class BatchStore {

  /** Uncompressed bytes of Kafka values that one slice decodes and writes at once. */
  static final long SLICE_BYTES = 8L * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(BatchStore.class);

  private final Vertx vertx;
  private final WorkerExecutor prepareExecutor;
  private final CollectionResolver collections;
  private final RowWriter writer;
  private final Counter written;
  private final Counter undecodable;
  private final Timer batchTimer;
  private final DeadLetters deadLetters;
  private final Consumer<UUID> collectionDeleted;

  BatchStore(Vertx vertx, WorkerExecutor prepareExecutor, CollectionResolver collections, RowWriter writer,
      DeadLetters deadLetters, MeterRegistry registry, Consumer<UUID> collectionDeleted) {
    this.vertx = vertx;
    this.prepareExecutor = prepareExecutor;
    this.collections = collections;
    this.writer = writer;
    this.deadLetters = deadLetters;
    this.collectionDeleted = collectionDeleted;
    this.written = Counter.builder("cenotoo.sink.records.written").description("Records stored in Cassandra")
        .register(registry);
    this.undecodable = Counter.builder("cenotoo.sink.records.undecodable")
        .description("Records skipped because their value is not a record of the collection's schema").register(registry);
    this.batchTimer = Timer.builder("cenotoo.sink.batch.write")
        .description("Time to store one polled batch in Cassandra, including waits for earlier batches' statements")
        .publishPercentileHistogram().register(registry);
  }

  /**
   * Stores the records of one poll. Reading headers, decoding and binding run on the prepare
   * executor's threads, because on the event loop they held Cassandra's responses back.
   */
  Future<Void> store(KafkaConsumerRecords<byte[], byte[]> records) {
    Timer.Sample sample = Timer.start();
    return storeSlices(records, 0).onSuccess(v -> sample.stop(batchTimer));
  }

  /** Stores the records from index {@code from} on, one slice after the other. */
  private Future<Void> storeSlices(KafkaConsumerRecords<byte[], byte[]> records, int from) {
    int end = sliceEnd(records, from);
    Future<Void> slice = storeSlice(records, from, end);
    return end >= records.size() ? slice : slice.compose(v -> storeSlices(records, end));
  }

  /** Returns the end of the slice that starts at {@code from}: at most {@link #SLICE_BYTES}, and at least one record. */
  private static int sliceEnd(KafkaConsumerRecords<byte[], byte[]> records, int from) {
    int end = from;
    long bytes = 0;
    while (end < records.size()) {
      long size = Math.max(0, records.recordAt(end).record().serializedValueSize());
      if (end > from && bytes + size > SLICE_BYTES) {
        break;
      }
      bytes += size;
      end++;
    }
    return end;
  }

  private Future<Void> storeSlice(KafkaConsumerRecords<byte[], byte[]> records, int from, int end) {
    return prepareExecutor.executeBlocking(() -> byCollection(records, from, end), false)
        .compose(byCollection -> {
          List<Future<Void>> writes = new ArrayList<>();
          byCollection.forEach((ref, batch) -> writes.add(storeCollection(ref, batch)));
          return Future.all(writes).mapEmpty();
        });
  }

  /** Groups the records by the collection in their headers. Touches no state, so it runs on a worker. */
  private static Map<CollectionRef, List<KafkaConsumerRecord<byte[], byte[]>>> byCollection(
      KafkaConsumerRecords<byte[], byte[]> records, int from, int end) {
    Map<CollectionRef, List<KafkaConsumerRecord<byte[], byte[]>>> byCollection = new LinkedHashMap<>();
    CollectionRef.Reader refs = new CollectionRef.Reader();
    for (int i = from; i < end; i++) {
      KafkaConsumerRecord<byte[], byte[]> record = records.recordAt(i);
      CollectionRef ref = refs.read(record);
      if (ref == null) {
        LOG.warn("Skipping a record without valid collection headers [topic: {}, partition: {}, offset: {}]",
            record.topic(), record.partition(), record.offset());
        continue;
      }
      byCollection.computeIfAbsent(ref, r -> new ArrayList<>()).add(record);
    }
    return byCollection;
  }

  private Future<Void> storeCollection(CollectionRef ref, List<KafkaConsumerRecord<byte[], byte[]>> batch) {
    return collections.resolve(ref.projectId(), ref.collectionId())
        .compose(collection -> SinkSpans.traced(Tracing.openTelemetry(vertx), collection.collectionId(), batch,
            () -> writeRows(collection, batch)))
        .recover(failure -> {
          if (failure instanceof ReplyException reply && reply.failureCode() == 404) {
            LOG.warn("Dropping {} records of a deleted collection [collection: {}]", batch.size(), ref.collectionId());
            writer.forget(ref.collectionId());
            collectionDeleted.accept(ref.collectionId());
            return Future.succeededFuture();
          }
          return Future.failedFuture(failure);
        });
  }

  /**
   * Decodes and binds the batch's records on a worker, writes them, and counts them as written
   * once Cassandra acknowledged them. A value that is not a record of the collection's schema,
   * which only a writer other than the ingest owner can produce, becomes a dead letter, because
   * retrying it would stop the partition for good.
   */
  private Future<Void> writeRows(ResolvedCollection collection, List<KafkaConsumerRecord<byte[], byte[]>> batch) {
    return writer.prepare(collection.collectionId(), collection.schema())
        .compose(binder -> prepareExecutor.executeBlocking(
            () -> DecodedBatch.of(collection.schema(), binder, batch), false))
        .compose(decoded -> {
          List<Future<Void>> writes = new ArrayList<>();
          decoded.undecodable().forEach(failed -> {
            undecodable.increment();
            writes.add(deadLetters.move(failed.record(), collection.collectionId(), failed.reason()));
          });

          writes.add(writer.submit(collection.collectionId(), decoded.partitions())
              .onSuccess(v -> written.increment(decoded.rows().size()))
              .recover(failure -> {
                if (!DeadLetters.rejectedByCassandra(failure)) {
                  return Future.failedFuture(failure);
                }
                LOG.warn("Cassandra rejected {} rows; writing them one at a time [collection: {}]: {}",
                    decoded.rows().size(), collection.collectionId(), failure.toString());
                return writeEach(collection, decoded.sources(), decoded.rows());
              }));
          return Future.all(writes).mapEmpty();
        });
  }

  /**
   * Writes each row alone, after Cassandra rejected them together, and moves each row that it
   * rejects alone to the dead letters. A batch may fail for one invalid row, or for its size.
   */
  private Future<Void> writeEach(ResolvedCollection collection, List<KafkaConsumerRecord<byte[], byte[]>> sources,
      List<DecodedRecord> rows) {
    List<Future<Void>> writes = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      KafkaConsumerRecord<byte[], byte[]> source = sources.get(i);
      writes.add(writer.write(collection.collectionId(), collection.schema(), List.of(rows.get(i)))
          .onSuccess(v -> written.increment())
          .recover(failure -> DeadLetters.rejectedByCassandra(failure)
              ? deadLetters.move(source, collection.collectionId(), "Cassandra rejected the row: " + failure.getMessage())
              : Future.failedFuture(failure)));
    }
    return Future.all(writes).mapEmpty();
  }

  /**
   * A batch's records decoded and bound: the decoded rows with their source records, in the same
   * order, the statements of their partitions, and the reason of each record that did not decode.
   */
  private record DecodedBatch(List<KafkaConsumerRecord<byte[], byte[]>> sources, List<DecodedRecord> rows,
      List<RowWriter.PartitionRows> partitions, List<Undecodable> undecodable) {

    /** Decodes and binds on the calling thread, which may be any thread, because it touches no state of the sink. */
    static DecodedBatch of(CollectionSchema schema, RowBinder binder, List<KafkaConsumerRecord<byte[], byte[]>> batch) {
      RecordDecoder decoder = new RecordDecoder(schema);
      List<KafkaConsumerRecord<byte[], byte[]>> sources = new ArrayList<>(batch.size());
      List<DecodedRecord> rows = new ArrayList<>(batch.size());
      List<Undecodable> undecodable = new ArrayList<>();
      for (KafkaConsumerRecord<byte[], byte[]> record : batch) {
        try {
          rows.add(decoder.decode(record.value()));
          sources.add(record);
        } catch (RuntimeException e) {
          undecodable.add(new Undecodable(record, "The value is not a record of the collection: " + e));
        }
      }
      return new DecodedBatch(sources, rows, RowWriter.bind(binder, rows), undecodable);
    }
  }

  private record Undecodable(KafkaConsumerRecord<byte[], byte[]> record, String reason) {
  }

  record CollectionRef(UUID projectId, UUID collectionId) {

    /**
     * Reads the collection headers of consecutive records. It reads the native headers, which the
     * Vert.x record copies into new objects on every call, and parses the ids only when they differ
     * from the previous record's, because a poll's records mostly belong to one collection.
     */
    static final class Reader {

      private byte[] lastProject;
      private byte[] lastCollection;
      private CollectionRef last;

      /** Returns the record's collection, or null when a collection header is missing or not a UUID. */
      CollectionRef read(KafkaConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.record().headers();
        Header project = headers.lastHeader(Topics.HEADER_PROJECT_ID);
        Header collection = headers.lastHeader(Topics.HEADER_COLLECTION_ID);
        if (project == null || collection == null || project.value() == null || collection.value() == null) {
          return null;
        }
        if (last == null || !Arrays.equals(project.value(), lastProject) || !Arrays.equals(collection.value(), lastCollection)) {
          try {
            last = new CollectionRef(uuid(project.value()), uuid(collection.value()));
          } catch (IllegalArgumentException e) {
            return null;
          }
          lastProject = project.value();
          lastCollection = collection.value();
        }
        return last;
      }

      private static UUID uuid(byte[] value) {
        return UUID.fromString(new String(value, StandardCharsets.UTF_8));
      }
    }
  }
}
