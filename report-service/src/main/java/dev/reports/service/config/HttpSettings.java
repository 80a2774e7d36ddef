package dev.reports.service.config;

/**
 * Where the HTTP server listens.
 *
 * @param host the interface to bind: {@code 127.0.0.1} in {@code dev}, every interface in {@code
 *     start}
 * @param port the port; 0 picks a free one (tests)
 */
public record HttpSettings(String host, int port) {
  public static final int DEFAULT_PORT = 8080;
}
