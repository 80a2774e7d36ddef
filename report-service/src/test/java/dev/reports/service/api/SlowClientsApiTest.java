package dev.reports.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slow and large clients cannot take the server down: a thousand connections trickling their bodies
 * a byte at a time leave {@code /health/live} answering within 100 ms, and a body over the 64 KiB
 * limit is answered 413 at the limit, while the client is still sending. Loopback only, every loop
 * bounded.
 */
class SlowClientsApiTest {
  static final int SLOW_CLIENTS = 1_000;
  static final Duration HEALTHY = Duration.ofMillis(100);

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static ApiServer api;
  static Org org;
  static String token;

  @BeforeAll
  static void start() {
    api = ApiServer.start(db.dataSource());
    org = api.data.org("Slow");
    token = Tokens.valid(org.admin());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aThousandClientsSendingBodiesAByteAtATimeLeaveHealthAnsweringWithin100Ms() throws Exception {
    for (int i = 0; i < 5; i++) {
      api.get("/health/live", null); // warm up the client and the route
    }
    List<Socket> slow = new ArrayList<>();
    List<Long> latencies = new ArrayList<>();
    int cutOff = 0;
    long burstMillis;
    try {
      for (int i = 0; i < SLOW_CLIENTS; i++) {
        Socket socket = connect();
        socket
            .getOutputStream()
            .write(
                ("POST /v1/report-schedules HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer "
                        + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
        slow.add(socket);
      }
      // The thousand requests arrive at once; each is authenticated (a database query) before its
      // body is read. That burst is a flood, not slowness: wait (bounded) until it is through.
      long burstStarted = System.nanoTime();
      long burstDeadline = burstStarted + Duration.ofSeconds(60).toNanos();
      int fast = 0;
      while (fast < 3 && System.nanoTime() < burstDeadline) {
        long started = System.nanoTime();
        api.get("/health/live", null);
        fast = System.nanoTime() - started < HEALTHY.toNanos() ? fast + 1 : 0;
      }
      burstMillis = (System.nanoTime() - burstStarted) / 1_000_000;
      // 20 rounds: a byte from every client, then a health check
      for (int round = 0; round < 20; round++) {
        for (Socket socket : slow) {
          if (socket.isClosed()) {
            continue;
          }
          try {
            socket.getOutputStream().write(' ');
          } catch (IOException e) {
            socket.close();
            cutOff++;
          }
        }
        long started = System.nanoTime();
        Response health = api.get("/health/live", null);
        latencies.add((System.nanoTime() - started) / 1_000_000);
        assertThat(health.status()).isEqualTo(200);
        Thread.sleep(50);
      }
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
    // The build machine is shared (load far above its cores), so one sample may be descheduled:
    // nine in ten within 100 ms, and none anywhere near a starved server's seconds.
    assertThat(latencies.stream().filter(ms -> ms < HEALTHY.toMillis()).count())
        .as("health checks within 100 ms, of " + latencies)
        .isGreaterThanOrEqualTo(latencies.size() * 9 / 10);
    assertThat(latencies)
        .as("health latencies in ms")
        .allSatisfy(ms -> assertThat(ms).isLessThan(1_000));
    System.out.println(
        "slow clients: burst through in "
            + burstMillis
            + " ms; health latencies (ms) "
            + latencies
            + "; "
            + cutOff
            + " connections cut off");
  }

  @Test
  void aBodyOverTheLimitIsAnswered413AtTheLimitNotReadToItsEnd() throws Exception {
    try (Socket socket = connect()) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/report-schedules HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Authorization: Bearer "
                  + token
                  + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      // 72 KiB of an endless body, then nothing more: the answer must come without the rest
      byte[] chunk = new byte[8 * 1024];
      java.util.Arrays.fill(chunk, (byte) ' ');
      for (int i = 0; i < 9; i++) {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();

      String answer = head(socket.getInputStream());

      assertThat(answer).startsWith("HTTP/1.1 413");
      assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
    }
  }

  @Test
  void aDeclaredLengthOverTheLimitIsAnswered413AfterItsFirstByte() throws Exception {
    try (Socket socket = connect()) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("POST /v1/report-schedules HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Authorization: Bearer "
                      + token
                      + "\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n{")
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(head(socket.getInputStream())).startsWith("HTTP/1.1 413");
    }
  }

  private static Socket connect() throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), api.uri("/").getPort());
  }

  /** The status line and headers of the answer. */
  private static String head(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    for (int i = 0; i < 16 * 1024; i++) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return head.toString();
  }
}
