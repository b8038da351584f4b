package io.cenotoo.bus;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event-bus addresses that reach an owner instance on the sender's own event loop. An owner that
 * runs one instance per event loop registers each operation under its cluster-wide address and
 * under a node-local address of its loop. An HTTP verticle on the same loop then sends there, so
 * the request and its reply run on the thread that read the request. Otherwise they wait each way
 * for another event loop to wake up, measured at about 80 µs of a 0.8 ms read on two shared cores.
 * A sender on a loop without such an instance, and every request to other owners, uses the
 * cluster-wide address.
 *
 * <p>The table of local addresses is per thread: an owner registers from its start method, which
 * runs on its event loop, and a sender looks up from its own event loop.
 */
public final class LoopLocal {

  private static final ThreadLocal<Map<String, String>> LOCAL_ADDRESSES = ThreadLocal.withInitial(HashMap::new);
  private static final AtomicLong NEXT_ID = new AtomicLong();

  private LoopLocal() {
  }

  /**
   * Returns the address to send to from the calling thread: the local address of an owner instance
   * on this event loop when one registered {@code address}, else {@code address} itself.
   */
  public static String address(String address) {
    return LOCAL_ADDRESSES.get().getOrDefault(address, address);
  }

  /**
   * Registers {@code handler} under {@code address} and under a new local address of the calling
   * event loop. Call it from the owner's start method.
   */
  public static <T> Consumer<T> consumer(Vertx vertx, String address, Handler<Message<T>> handler) {
    String local = address + ".loop-" + NEXT_ID.incrementAndGet();
    MessageConsumer<T> shared = vertx.eventBus().consumer(address, handler);
    MessageConsumer<T> onLoop = vertx.eventBus().localConsumer(local, handler);
    LOCAL_ADDRESSES.get().put(address, local);
    return new Consumer<>(address, local, shared, onLoop);
  }

  /** An operation's two registrations. */
  public static final class Consumer<T> {

    private final String address;
    private final String local;
    private final MessageConsumer<T> shared;
    private final MessageConsumer<T> onLoop;

    private Consumer(String address, String local, MessageConsumer<T> shared, MessageConsumer<T> onLoop) {
      this.address = address;
      this.local = local;
      this.shared = shared;
      this.onLoop = onLoop;
    }

    /**
     * Removes the local address from the loop's table, so senders go back to the cluster-wide
     * address, then unregisters both consumers. Call it from the owner's stop method.
     */
    public Future<Void> unregister() {
      LOCAL_ADDRESSES.get().remove(address, local);
      return Future.join(shared.unregister(), onLoop.unregister()).mapEmpty();
    }
  }
}
