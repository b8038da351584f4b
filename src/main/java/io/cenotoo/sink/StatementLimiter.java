package io.cenotoo.sink;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the sink's Cassandra statements with at most {@code maxInFlight} running at once, shared by
 * every batch being written, in the order the batches submitted them. The sink writes several polled
 * batches at a time, and a shared limit keeps the load on Cassandra the same however many there are.
 * Use from one event loop.
 */
final class StatementLimiter {

  private final int maxInFlight;
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private int running;
  private boolean pumping;

  StatementLimiter(int maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  /**
   * Queues the statements of one batch. The future succeeds when all of them succeeded. After the
   * first failure the batch's statements that have not started are skipped, and the future fails
   * with that failure once its started statements ended.
   */
  Future<Void> run(List<Supplier<Future<?>>> statements) {
    if (statements.isEmpty()) {
      return Future.succeededFuture();
    }
    Group group = new Group(statements.size());
    statements.forEach(statement -> queue.addLast(new Queued(group, statement)));
    pump();
    return group.done.future();
  }

  /** Returns the statements running now. */
  int running() {
    return running;
  }

  private void pump() {
    // A statement that completes at once calls pump() again from inside this loop. The flag makes
    // that call return at once, and this loop then starts the next statement in the freed slot.
    if (pumping) {
      return;
    }
    pumping = true;
    try {
      while (running < maxInFlight && !queue.isEmpty()) {
        Queued next = queue.pollFirst();
        running++;
        Future<?> result;
        try {
          result = next.statement.get();
        } catch (RuntimeException e) {
          result = Future.failedFuture(e);
        }
        result.onComplete(done -> {
          running--;
          if (done.failed() && next.group.failure == null) {
            fail(next.group, done.cause());
          }
          next.group.ended();
          pump();
        });
      }
    } finally {
      pumping = false;
    }
  }

  /** Records the group's first failure and drops its statements that have not started. */
  private void fail(Group group, Throwable failure) {
    group.failure = failure;
    int skipped = 0;
    for (var it = queue.iterator(); it.hasNext(); ) {
      if (it.next().group == group) {
        it.remove();
        skipped++;
      }
    }
    for (int i = 0; i < skipped; i++) {
      group.ended();
    }
  }

  private record Queued(Group group, Supplier<Future<?>> statement) {
  }

  /** The statements of one {@link #run} call. */
  private static final class Group {

    final Promise<Void> done = Promise.promise();
    final int size;
    int ended;
    Throwable failure;

    Group(int size) {
      this.size = size;
    }

    void ended() {
      ended++;
      if (ended == size) {
        if (failure != null) {
          done.fail(failure);
        } else {
          done.complete();
        }
      }
    }
  }
}
