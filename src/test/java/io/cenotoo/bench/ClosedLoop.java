package io.cenotoo.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop load generator: {@code concurrency} workers each send one request, wait for its
 * reply and send the next, until the duration ends. At most {@code concurrency} requests are in
 * flight, and the run stops by itself once the last reply arrives or the grace period after the
 * deadline ends. Every request is issued from one driver thread, so a client library's I/O thread
 * never runs the next request's work.
 */
final class ClosedLoop {

  /** Extra time for the requests still in flight at the deadline. */
  private static final Duration GRACE = Duration.ofSeconds(30);

  /**
   * One request: takes a sequence number and completes with the number of records acknowledged, or
   * exceptionally when the request failed.
   */
  interface Request extends LongFunction<CompletionStage<Integer>> {
  }

  /** Outcome of a run; latencies in microseconds. */
  record Result(long requests, long records, long failures, double seconds, double p50Micros, double p99Micros,
      String firstFailure) {

    double recordsPerSecond() {
      return records / seconds;
    }

    double requestsPerSecond() {
      return requests / seconds;
    }
  }

  private ClosedLoop() {
  }

  static Result run(int concurrency, Duration duration, Request request) throws InterruptedException {
    Recorder latencies = new Recorder(3);
    AtomicLong sequence = new AtomicLong();
    AtomicLong requests = new AtomicLong();
    AtomicLong records = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicLong lastReplyNanos = new AtomicLong();
    StringBuffer firstFailure = new StringBuffer();
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();

    ExecutorService driver = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "bench-driver");
      thread.setDaemon(true);
      return thread;
    });
    Executor retryDelay = CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS, driver);
    CompletableFuture<?>[] workers = new CompletableFuture<?>[concurrency];
    for (int i = 0; i < concurrency; i++) {
      CompletableFuture<Void> worker = new CompletableFuture<>();
      workers[i] = worker;
      new Object() {
        void next() {
          if (System.nanoTime() >= deadline) {
            worker.complete(null);
            return;
          }
          long sent = System.nanoTime();
          CompletionStage<Integer> reply;
          try {
            reply = request.apply(sequence.getAndIncrement());
          } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
          }
          reply.whenCompleteAsync((count, failure) -> {
            long now = System.nanoTime();
            lastReplyNanos.accumulateAndGet(now, Math::max);
            if (failure == null) {
              latencies.recordValue(Math.max(1, (now - sent) / 1_000));
              requests.incrementAndGet();
              records.addAndGet(count);
            } else {
              if (failures.getAndIncrement() == 0) {
                firstFailure.append(failure);
              }
              // A pause keeps a broken server from turning the run into a busy loop.
              retryDelay.execute(this::next);
              return;
            }
            next();
          }, driver);
        }
      }.next();
    }

    try {
      CompletableFuture.allOf(workers).get(duration.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Load run did not finish within " + duration.plus(GRACE).toSeconds() + " s", e);
    } finally {
      driver.shutdown();
    }
    double seconds = (Math.max(lastReplyNanos.get(), deadline) - start) / 1e9;
    var histogram = latencies.getIntervalHistogram();
    return new Result(requests.get(), records.get(), failures.get(), seconds,
        histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
        firstFailure.length() == 0 ? null : firstFailure.toString());
  }
}
