package io.cenotoo.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class StatementLimiterTest {

  /** Statements that start by creating a promise, completed by the test. */
  private final List<Promise<Void>> started = new ArrayList<>();

  private List<Supplier<Future<?>>> statements(int count) {
    List<Supplier<Future<?>>> statements = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      statements.add(() -> {
        Promise<Void> promise = Promise.promise();
        started.add(promise);
        return promise.future();
      });
    }
    return statements;
  }

  @Test
  void limitIsSharedAcrossBatches() {
    StatementLimiter limiter = new StatementLimiter(3);

    Future<Void> first = limiter.run(statements(2));
    Future<Void> second = limiter.run(statements(2));

    assertEquals(3, started.size());
    assertEquals(3, limiter.running());
    started.get(0).complete();
    assertEquals(4, started.size());
    started.get(1).complete();
    assertTrue(first.succeeded());
    assertFalse(second.isComplete());
    started.get(2).complete();
    started.get(3).complete();
    assertTrue(second.succeeded());
    assertEquals(0, limiter.running());
  }

  @Test
  void failureSkipsRestOfItsBatchOnly() {
    StatementLimiter limiter = new StatementLimiter(2);
    Future<Void> failing = limiter.run(statements(4));
    Future<Void> other = limiter.run(statements(1));
    RuntimeException cause = new RuntimeException("write timed out");

    started.get(0).fail(cause);
    assertFalse(failing.isComplete(), "must wait for its started statement");
    started.get(1).complete();

    assertTrue(failing.failed());
    assertSame(cause, failing.cause());
    assertEquals(3, started.size(), "the failed batch's last two statements must not start");
    started.get(2).complete();
    assertTrue(other.succeeded());
  }

  @Test
  void statementThrowingFailsBatch() {
    StatementLimiter limiter = new StatementLimiter(2);
    List<Supplier<Future<?>>> statements = new ArrayList<>(statements(1));
    statements.add(() -> {
      throw new IllegalStateException("unbound value");
    });
    statements.addAll(statements(3));

    Future<Void> result = limiter.run(statements);

    assertEquals(1, started.size());
    assertFalse(result.isComplete(), "must wait for its started statement");
    started.get(0).complete();
    assertTrue(result.failed());
    assertEquals("unbound value", result.cause().getMessage());
    assertEquals(0, limiter.running());
  }

  @Test
  void immediateCompletionsDoNotRecurse() {
    StatementLimiter limiter = new StatementLimiter(1);
    List<Supplier<Future<?>>> statements = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      statements.add(Future::succeededFuture);
    }

    assertTrue(limiter.run(statements).succeeded());
  }

  @Test
  void emptyBatchSucceeds() {
    assertTrue(new StatementLimiter(1).run(List.of()).succeeded());
  }
}
