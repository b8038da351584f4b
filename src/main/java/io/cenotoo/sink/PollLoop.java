package io.cenotoo.sink;

import io.cenotoo.kafka.KafkaSettings;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the sink's consumer and writes each poll while the next polls run, with at most
 * {@link #MAX_BATCHES} polls, or about {@link #MAX_RECORDS} records or {@link #MAX_BYTES}, polled
 * and not yet written.
 * Offsets are committed in poll order: once a poll and every earlier poll were written, their last
 * offsets plus one become ready, and one explicit commit carries all ready offsets. At most one
 * commit runs at a time, and while polls are still being written at most one starts per
 * {@link #COMMIT_INTERVAL_MS}.
 *
 * <p>When a write fails, no new poll starts. The writes in flight settle, the offsets ready by then
 * are committed, and every partition of the unwritten polls is sought back to its first unwritten
 * offset. Polling resumes after {@link #RETRY_DELAY_MS}. So no commit passes a failed write, and
 * records may be written twice, which overwrites the same rows.
 *
 * <p>On a rebalance the revoked partitions' offsets are dropped: their new owner reads from the last
 * commit. Vert.x runs the revocation handler on the event loop after Kafka's callback has returned,
 * so a commit already queued may still carry them. It either fails, which leaves them to be read
 * again, or moves the new owner's committed offset back to records this sink wrote, which also only
 * causes a replay. Use from the sink's event loop.
 */
final class PollLoop {

  /**
   * Four polls keep Cassandra busy while the next poll and its decoding run, and bound what a failed
   * write makes the sink read and write again. With max.poll.records at 2,000 they also bound the
   * records held to about 8,000. The statements are limited by {@link RowWriter#MAX_IN_FLIGHT}
   * however many polls are in flight. In a storage check on a 2-core machine that also ran Kafka
   * and Cassandra, 8 polls and 16,000 records were no faster, because the CPU was saturated.
   */
  static final int MAX_BATCHES = 4;
  static final int MAX_RECORDS = 8_000;
  /**
   * Uncompressed bytes of the polls not yet written after which no new poll starts. Records of up
   * to MAX_RECORD_BYTES make 8,000 records far too many for the heap.
   *
   * <p>One poll may pass this bound. kafka-clients bounds a fetch only by its compressed bytes, so
   * the ingest owner publishes records from {@link KafkaSettings#UNCOMPRESSED_FROM_BYTES} without
   * compression: a poll contains at most 2,000 compressed records under 16 KiB each, plus uncompressed
   * ones up to the consumer's fetch.max.bytes (50 MiB).
   *
   * <p>NOTE: large records that nodes published compressed before that change stay in their topics
   * until retention removes them, and a poll of them is still bounded by record count only.
   */
  static final long MAX_BYTES = 32L * 1024 * 1024;
  static final long RETRY_DELAY_MS = 1_000;
  /**
   * Minimum time between two commits while polls are still being written. The Vert.x consumer runs
   * commitSync on the one thread that also polls, so each commit holds up the next poll for a broker
   * round trip. A commit still goes out at once when no poll is left to write, on a failure and on
   * stop. A crash replays at most this long of written records, plus the polls in flight.
   */
  static final long COMMIT_INTERVAL_MS = 500;
  /** Poll timeout of a sink with nothing to write or commit: how long it waits for new records. */
  static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  /**
   * Poll timeout while polls are written or their offsets wait for a commit. The Vert.x consumer
   * runs a commit after the poll queued before it, so a long poll would delay the last commit.
   */
  static final Duration WRITING_POLL_TIMEOUT = Duration.ofMillis(10);
  private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);

  private final Vertx vertx;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Function<KafkaConsumerRecords<byte[], byte[]>, Future<Void>> store;
  private final Duration idlePollTimeout;
  private final PollQueue queue = new PollQueue(MAX_BATCHES, MAX_RECORDS, MAX_BYTES);
  private final Promise<Void> stopped = Promise.promise();
  private long polls;
  private boolean polling;
  private boolean committing;
  private long lastCommitMillis;
  private boolean commitTimerSet;
  /** Set when a write failed, and cleared when polling resumes after the rewind. */
  private boolean recovering;
  private boolean rewinding;
  /** Set while waiting to poll again after a failed poll. */
  private boolean delayed;
  private boolean stopping;

  /** Registers the rebalance handlers, so it must be created before the consumer subscribes. */
  PollLoop(Vertx vertx, KafkaConsumer<byte[], byte[]> consumer,
      Function<KafkaConsumerRecords<byte[], byte[]>, Future<Void>> store) {
    this(vertx, consumer, store, POLL_TIMEOUT);
  }

  /** Polls with {@code idlePollTimeout} while no poll is being written and no offset waits for a commit. */
  PollLoop(Vertx vertx, KafkaConsumer<byte[], byte[]> consumer,
      Function<KafkaConsumerRecords<byte[], byte[]>, Future<Void>> store, Duration idlePollTimeout) {
    this.vertx = vertx;
    this.consumer = consumer;
    this.store = store;
    this.idlePollTimeout = idlePollTimeout;
    consumer.partitionsRevokedHandler(this::revoked);
    consumer.partitionsAssignedHandler(partitions -> {
      LOG.info("Sink assigned {} partitions", partitions.size());
      LOG.debug("Sink assigned partitions {}", partitions);
    });
  }

  void start() {
    proceed();
  }

  /**
   * Stops polling, waits for the writes in flight and commits the offsets of the polls written in
   * order. A failed write or an unwritten poll stays uncommitted, so its records are read again
   * after a restart or by the partition's next owner.
   */
  Future<Void> stop() {
    stopping = true;
    LOG.info("Sink loop stopping; waiting for {} polls of {} records", queue.batches(), queue.records());
    commitReady();
    proceed();
    return stopped.future();
  }

  /** Takes the next step that the state allows: poll, rewind after a failure, or finish stopping. */
  private void proceed() {
    if (stopping) {
      if (!polling && !committing && queue.settled() && !queue.hasReady()) {
        if (stopped.tryComplete()) {
          LOG.info("Sink loop stopped; {} polls of {} records were not written and will be read again",
              queue.batches(), queue.records());
        }
      }
      return;
    }
    if (recovering) {
      if (!polling && !rewinding && queue.settled()) {
        rewind();
      }
      return;
    }
    if (!polling && !delayed && queue.hasRoom()) {
      poll();
    }
  }

  private void poll() {
    polling = true;
    boolean writing = queue.batches() > 0 || queue.hasReady();
    consumer.poll(writing ? WRITING_POLL_TIMEOUT : idlePollTimeout).onComplete(this::polled);
  }

  private void polled(AsyncResult<KafkaConsumerRecords<byte[], byte[]>> result) {
    polling = false;
    if (result.failed()) {
      LOG.warn("Sink poll failed; polling again in {} ms", RETRY_DELAY_MS, result.cause());
      delayed = true;
      vertx.setTimer(RETRY_DELAY_MS, id -> {
        delayed = false;
        proceed();
      });
      proceed();
      return;
    }

    KafkaConsumerRecords<byte[], byte[]> records = result.result();
    if (!records.isEmpty()) {
      PolledBatch batch = PolledBatch.of(++polls, records);
      queue.add(batch);
      if (recovering || stopping) {
        // Polled after a failure or the stop: not written, so its records are read again.
        queue.failed(batch);
      } else {
        Future<Void> write;
        try {
          write = store.apply(records);
        } catch (RuntimeException e) {
          write = Future.failedFuture(e);
        }
        write.onComplete(done -> written(batch, done));
      }
    }
    proceed();
  }

  private void written(PolledBatch batch, AsyncResult<Void> done) {
    if (done.succeeded()) {
      queue.succeeded(batch);
    } else {
      queue.failed(batch);
      LOG.error("Writing {} failed; no later offset is committed until it is read again", batch, done.cause());
      recovering = true;
    }
    commitReady();
    proceed();
  }

  private void commitReady() {
    if (committing || !queue.hasReady()) {
      return;
    }
    long wait = lastCommitMillis + COMMIT_INTERVAL_MS - System.currentTimeMillis();
    if (wait > 0 && queue.batches() > 0 && !recovering && !stopping) {
      if (!commitTimerSet) {
        commitTimerSet = true;
        vertx.setTimer(wait, id -> {
          commitTimerSet = false;
          commitReady();
        });
      }
      return;
    }
    lastCommitMillis = System.currentTimeMillis();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    queue.takeReady().forEach((partition, next) -> offsets.put(partition, new OffsetAndMetadata(next, "")));
    committing = true;
    consumer.commit(offsets).onComplete(done -> {
      committing = false;
      if (done.failed()) {
        // The records stay uncommitted, so they are read again after a restart or a rebalance and
        // overwrite their rows. A later commit of the same partition supersedes this one.
        LOG.warn("Committing offsets {} failed; their records will be read again after a restart or rebalance",
            offsets, done.cause());
      }
      commitReady();
      proceed();
    });
  }

  /**
   * Seeks every partition of the unwritten polls back to its first unwritten offset, then waits.
   * Rows that Cassandra rejects as invalid do not come here, because {@link BatchStore} moves them
   * to the dead letters, so a failure that lasts is an outage, and the sink waits it out.
   */
  private void rewind() {
    rewinding = true;
    Map<TopicPartition, Long> offsets = queue.takeUnwritten();
    LOG.warn("Sink reading again from offsets {} in {} ms", offsets, RETRY_DELAY_MS);
    List<Future<Void>> seeks = new ArrayList<>();
    offsets.forEach((partition, offset) -> seeks.add(consumer.seek(partition, offset).recover(failure -> {
      // seek() fails for a partition that is no longer assigned. Its next owner reads it from the
      // last committed offset, which is before this failed write.
      LOG.warn("Seeking {} to offset {} failed; leaving it to its current owner", partition, offset, failure);
      return Future.succeededFuture();
    })));
    // The next poll must start after the seeks, which Vert.x runs on the consumer's thread.
    Future.join(seeks).onComplete(sought -> vertx.setTimer(RETRY_DELAY_MS, id -> {
      rewinding = false;
      recovering = false;
      LOG.info("Sink polling again after the rewind");
      proceed();
    }));
  }

  /** Stops committing offsets of a deleted collection's topic; see {@link PollQueue#forgetTopic}. */
  void forgetTopic(String topic) {
    if (queue.forgetTopic(topic)) {
      LOG.info("Sink drops the uncommitted offsets of the deleted topic {}", topic);
    }
  }

  private void revoked(Set<TopicPartition> partitions) {
    LOG.info("Sink gave up {} partitions in a rebalance or on close; dropping their uncommitted offsets",
        partitions.size());
    LOG.debug("Sink partitions revoked {}", partitions);
    queue.forget(partitions);
  }
}
