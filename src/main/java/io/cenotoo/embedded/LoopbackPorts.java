package io.cenotoo.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Port helpers for servers that listen on 127.0.0.1 only. */
final class LoopbackPorts {

  static final String LOOPBACK = "127.0.0.1";

  private LoopbackPorts() {}

  /**
   * Returns {@code count} distinct ports that were free on 127.0.0.1 at the time of the call.
   *
   * <p>NOTE: another process may take a port between this call and the child binding it. The
   * window is a few seconds, and the child then fails to start with a bind error in its log.
   */
  static List<Integer> freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
        sockets.add(socket);
        ports.add(socket.getLocalPort());
      }
      return ports;
    } catch (IOException e) {
      throw new EmbeddedStackException("Failed to find a free port on " + LOOPBACK, e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // The port only needed to be reserved for the duration of the call.
        }
      }
    }
  }

  /** Throws unless {@code port} can be bound on 127.0.0.1, naming {@code purpose} in the message. */
  static void requireFree(int port, String purpose) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
    } catch (IOException e) {
      throw new EmbeddedStackException(
          "Port "
              + port
              + " on "
              + LOOPBACK
              + " for "
              + purpose
              + " is already in use; stop the process that listens on it or choose another port",
          e);
    }
  }

  /** Returns whether a TCP connection to 127.0.0.1:{@code port} succeeds within the timeout. */
  static boolean accepts(int port, int timeoutMillis) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(LOOPBACK, port), timeoutMillis);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
