package dev.reports.service.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a server (here: the shared PostgreSQL), which a test can cut
 * — every connection reset and new ones refused, as when the database host goes away — and restore
 * on the same port. It lets a test take "the database" away from one service without touching the
 * server others use.
 */
final class CuttableProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final int port;
  private volatile ServerSocket server;

  CuttableProxy(String host, int targetPort) {
    this.target = new InetSocketAddress(host, targetPort);
    try {
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.port = server.getLocalPort();
    accept(server);
  }

  int port() {
    return port;
  }

  /** Resets every connection and refuses new ones until {@link #restore()}. */
  synchronized void cut() {
    closeQuietly(server);
    for (Socket socket : sockets) {
      try {
        socket.setSoLinger(true, 0); // RST, as a vanished host's router would answer
      } catch (IOException e) {
        // already closed
      }
      closeQuietly(socket);
    }
    sockets.clear();
  }

  /** Accepts connections again, on the same port. */
  synchronized void restore() {
    if (!server.isClosed()) {
      return;
    }
    try {
      ServerSocket again = new ServerSocket();
      again.setReuseAddress(true);
      again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      server = again;
      accept(again);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept(ServerSocket listening) {
    Thread acceptor =
        new Thread(
            () -> {
              while (!listening.isClosed()) {
                try {
                  Socket client = listening.accept();
                  Socket upstream = new Socket();
                  upstream.connect(target, 2_000);
                  sockets.add(client);
                  sockets.add(upstream);
                  pump(client, upstream);
                  pump(upstream, client);
                } catch (IOException e) {
                  // closed by cut(), or the target refused: the client sees its socket close
                }
              }
            },
            "proxy-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void pump(Socket from, Socket to) {
    Thread pump =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side closed or was cut
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
              }
            },
            "proxy-pump-" + port);
    pump.setDaemon(true);
    pump.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // closing is all that is wanted
    }
  }

  @Override
  public void close() {
    cut();
  }
}
