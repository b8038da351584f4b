package io.cenotoo.testing;

import io.cenotoo.embedded.EmbeddedStack;
import io.cenotoo.embedded.ExternalStack;
import io.cenotoo.embedded.StackEndpoints;
import io.cenotoo.embedded.WorkDirInUseException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Cassandra and Kafka pair per test JVM.
 *
 * <p>If the environment variables {@code CASSANDRA_CONTACT_POINTS} and {@code KAFKA_BROKERS} are
 * both set, {@link #get()} returns those servers and launches nothing. Otherwise the first call
 * starts an {@link EmbeddedStack} on free ports in {@code <project>/target/embedded-test}, after
 * deleting the data of earlier runs, and the stack's shutdown hook stops it when the JVM exits.
 * If another live test JVM uses that directory, this one uses {@code target/embedded-test-<pid>}.
 * With {@code -Dcenotoo.stack=containers} it starts Cassandra and Kafka containers instead
 * ({@link ContainerStack}), for machines with a Docker engine.
 */
public final class SharedStack {

  private static final Logger LOG = LoggerFactory.getLogger(SharedStack.class);

  private static StackEndpoints endpoints;

  private SharedStack() {}

  /** Returns the shared endpoints, starting the embedded stack on first use; blocks about 20 s then. */
  public static synchronized StackEndpoints get() {
    if (endpoints == null) {
      endpoints =
          ExternalStack.fromEnvironment(System.getenv())
              .<StackEndpoints>map(external -> external)
              .orElseGet(() -> ContainerStack.SELECTED ? ContainerStack.start() : startEmbedded());
    }
    return endpoints;
  }

  private static EmbeddedStack startEmbedded() {
    Path target = EmbeddedStack.Options.defaultProjectDir().resolve("target");
    // The stack is never closed explicitly because other test classes may still use it. Its own
    // shutdown hook stops both children when the test JVM exits.
    try {
      return EmbeddedStack.start(EmbeddedStack.Options.forTests(target.resolve("embedded-test")));
    } catch (WorkDirInUseException e) {
      // Another test JVM in the same project, such as a second Maven run, owns that directory.
      Path own = target.resolve("embedded-test-" + ProcessHandle.current().pid());
      LOG.warn("{}; using {} instead", e.getMessage(), own);
      return EmbeddedStack.start(EmbeddedStack.Options.forTests(own));
    }
  }
}
