package dev.reports.examples.shop;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the shop's own endpoint in this example: keeps every CSV posted to it. */
final class HookReceiver implements AutoCloseable {
  /** One POST it received. */
  record Received(String fileName, String idempotencyKey, String csv) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  HookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/reports",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            String disposition = exchange.getRequestHeaders().getFirst("Content-Disposition");
            received.add(
                new Received(
                    disposition == null
                        ? null
                        : disposition.replaceAll(".*filename=\"(.*)\"", "$1"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    new String(body.readAllBytes(), StandardCharsets.UTF_8)));
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/reports";
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
