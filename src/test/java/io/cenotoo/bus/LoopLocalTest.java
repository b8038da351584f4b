package io.cenotoo.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoopLocalTest {

  private static final String ADDRESS = "loop-local-test.operation";
  private static final int LOOPS = 4;

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(LOOPS));
  }

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void localAddressRunsOnSenderThread() throws Exception {
    await(vertx.deployVerticle(Owner.class, new DeploymentOptions().setInstances(LOOPS)));
    Sender.results.clear();

    await(vertx.deployVerticle(Sender.class, new DeploymentOptions().setInstances(LOOPS)));

    assertEquals(LOOPS, Sender.results.size());
    for (Sender.Result result : Sender.results) {
      assertNotEquals(ADDRESS, result.address(), "no local address on " + result.senderThread());
      assertEquals(result.senderThread(), result.ownerThread());
    }
  }

  @Test
  void addressOnLoopWithoutOwnerIsSharedAddress() throws Exception {
    await(vertx.deployVerticle(Owner.class, new DeploymentOptions().setInstances(1)));
    Sender.results.clear();

    await(vertx.deployVerticle(Sender.class, new DeploymentOptions().setInstances(LOOPS)));

    List<Sender.Result> local = new ArrayList<>();
    for (Sender.Result result : Sender.results) {
      if (!result.address().equals(ADDRESS)) {
        local.add(result);
      }
    }
    assertEquals(1, local.size(), "only the owner's loop has a local address: " + Sender.results);
    assertEquals(1, Sender.results.stream().map(Sender.Result::ownerThread).distinct().count(),
        "every request reached the one owner");
  }

  @Test
  void addressAfterOwnerUndeployIsSharedAddress() throws Exception {
    String owners = await(vertx.deployVerticle(Owner.class, new DeploymentOptions().setInstances(LOOPS)));
    await(vertx.undeploy(owners));
    await(vertx.eventBus().consumer(ADDRESS, message -> message.reply(Thread.currentThread().getName()))
        .completion());
    Sender.results.clear();

    await(vertx.deployVerticle(Sender.class, new DeploymentOptions().setInstances(LOOPS)));

    assertEquals(LOOPS, Sender.results.size());
    Sender.results.forEach(result -> assertEquals(ADDRESS, result.address()));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Replies with the name of the thread that handles the request. */
  public static final class Owner extends VerticleBase {

    private LoopLocal.Consumer<String> consumer;

    @Override
    public Future<?> start() {
      consumer = LoopLocal.consumer(vertx, ADDRESS, (Message<String> message) ->
          message.reply(Thread.currentThread().getName()));
      return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
      return consumer.unregister();
    }
  }

  /** Sends one request from its start method and records the address used and the thread that handled it. */
  public static final class Sender extends VerticleBase {

    static final List<Result> results = new CopyOnWriteArrayList<>();

    record Result(String senderThread, String address, String ownerThread) {
    }

    @Override
    public Future<?> start() {
      String thread = Thread.currentThread().getName();
      String address = LoopLocal.address(ADDRESS);
      return vertx.eventBus().<String>request(address, "where")
          .onSuccess(reply -> results.add(new Result(thread, address, reply.body())));
    }
  }
}
