package io.cenotoo.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks with at most {@code maxInFlight} running at once and fails with the first
 * failure after every started task ended. Use from one event loop.
 */
public final class BoundedRunner {

  private BoundedRunner() {
  }

  public static Future<Void> run(List<Supplier<Future<?>>> tasks, int maxInFlight) {
    if (tasks.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    new Object() {
      int next;
      int running;
      int finished;
      Throwable failure;

      void pump() {
        while (running < maxInFlight && next < tasks.size() && failure == null) {
          Supplier<Future<?>> task = tasks.get(next++);
          running++;
          Future<?> result;
          try {
            result = task.get();
          } catch (RuntimeException e) {
            result = Future.failedFuture(e);
          }
          result.onComplete(ar -> {
            running--;
            finished++;
            if (ar.failed() && failure == null) {
              failure = ar.cause();
            }
            if (running == 0 && (failure != null || finished == tasks.size())) {
              if (failure != null) {
                done.tryFail(failure);
              } else {
                done.tryComplete();
              }
            } else {
              pump();
            }
          });
        }
      }
    }.pump();
    return done.future();
  }
}
