package io.cenotoo.storage;

import com.datastax.oss.driver.internal.core.context.NettyOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.Timer;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;

/**
 * The driver's default Netty options, except that every connection is registered on one Vert.x
 * event loop. The driver's own I/O group is then never used, so it starts no thread, and closing
 * the driver shuts down only the driver's groups and timer, never the Vert.x event loop.
 */
final class EventLoopNettyOptions implements NettyOptions {

  private final NettyOptions defaults;
  private final EventLoop eventLoop;

  EventLoopNettyOptions(NettyOptions defaults, EventLoop eventLoop) {
    this.defaults = defaults;
    this.eventLoop = eventLoop;
  }

  @Override
  public EventLoopGroup ioEventLoopGroup() {
    return eventLoop;
  }

  @Override
  public Class<? extends Channel> channelClass() {
    return defaults.channelClass();
  }

  @Override
  public EventExecutorGroup adminEventExecutorGroup() {
    return defaults.adminEventExecutorGroup();
  }

  @Override
  public ByteBufAllocator allocator() {
    return defaults.allocator();
  }

  @Override
  public void afterBootstrapInitialized(Bootstrap bootstrap) {
    defaults.afterBootstrapInitialized(bootstrap);
  }

  @Override
  public void afterChannelInitialized(Channel channel) {
    defaults.afterChannelInitialized(channel);
  }

  @Override
  public Future<Void> onClose() {
    return defaults.onClose();
  }

  @Override
  public Timer getTimer() {
    return defaults.getTimer();
  }
}
