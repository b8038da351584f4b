package io.cenotoo;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM into a normal exit. Without a handler the JVM still runs its shutdown hooks on
 * SIGTERM but exits with status 143, which orchestrators report as a failure. The JDK offers
 * signal handling only through the unsupported {@code sun.misc.Signal}, reached here by reflection
 * so the build needs no internal API; where it is missing, the default behaviour stays.
 */
final class Signals {

  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private Signals() {
  }

  static void onTerminate(Runnable action) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object signal = signalClass.getConstructor(String.class).newInstance("TERM");
      InvocationHandler invocation = (Object proxy, Method method, Object[] args) -> {
        if ("handle".equals(method.getName())) {
          LOG.info("SIGTERM received");
          new Thread(action, "cenotoo-sigterm").start();
        }
        return null;
      };
      Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerClass}, invocation);
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("Cannot handle SIGTERM in this JVM; it will exit with status 143 after a graceful stop", e);
    }
  }
}
