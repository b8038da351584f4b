package io.cenotoo.storage;

import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.session.ProgrammaticArguments;
import com.datastax.oss.driver.internal.core.context.DefaultDriverContext;
import com.datastax.oss.driver.internal.core.context.NettyOptions;
import io.netty.channel.EventLoop;

/**
 * Builds a driver session whose connections run on one given Netty event loop, the one of the
 * verticle that owns the session. The driver then writes requests and decodes responses on the
 * thread that issued them, and the Vert.x client completes its futures there, instead of handing
 * every request to a driver I/O thread and every response back.
 *
 * <p>Code on that event loop must not block waiting for a result of the session, because the
 * response it waits for would be read by the blocked thread. The owners only use the asynchronous
 * Vert.x client, so none does.
 */
final class EventLoopSessionBuilder extends CqlSessionBuilder {

  private final EventLoop eventLoop;

  EventLoopSessionBuilder(EventLoop eventLoop) {
    this.eventLoop = eventLoop;
  }

  @Override
  protected DriverContext buildContext(DriverConfigLoader configLoader, ProgrammaticArguments arguments) {
    return new DefaultDriverContext(configLoader, arguments) {
      @Override
      protected NettyOptions buildNettyOptions() {
        return new EventLoopNettyOptions(super.buildNettyOptions(), eventLoop);
      }
    };
  }
}
