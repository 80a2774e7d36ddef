package dev.reports.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.TelegramSettings;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.run.Fence;
import dev.reports.engine.testing.TestReportFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fencing window, measured: the time from a send's last fence check (the channel's, in OkHttp's
 * network interceptor: after the rate-limit permits and with the connection ready, just before the
 * request is written) until the request is on the wire, and until the provider has all of it. A
 * node that stalls inside this window and is replaced meanwhile can still deliver that one message
 * after the new owner did. Run with {@code ./mvnw -q -B -o -pl report-engine -am verify
 * -Dtest=FenceWindowBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * -Dspotless.check.skip=true} (see docs/benchmarks.md). Skipped in the normal build.
 *
 * <p>The Telegram channel (OkHttp, multipart upload from disk) sends to a plain socket server on
 * loopback in this JVM that reads each request and notes, on the same {@link System#nanoTime}
 * clock, when its first byte and its last byte arrived; then answers as Telegram does.
 */
class FenceWindowBenchmark {
  static final int WARM_UP = 300;
  static final int SENDS = Integer.getInteger("bench.sends", 3_000);

  @TempDir static Path dir;

  @BeforeAll
  static void onlyWhenAskedFor() {
    Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "set -Dbenchmark=true to run");
  }

  @Test
  void fromTheLastFenceCheckToTheRequestOnTheWire() throws Exception {
    ReportFile small = TestReportFiles.csv(dir, 20);
    ReportFile large = TestReportFiles.incompressible(dir, 4 * 1024 * 1024);
    System.out.printf(
        Locale.ROOT,
        "Fencing window: last fence check -> request bytes at the provider (loopback, %d sends"
            + " each, after %d to warm up; microseconds)%n",
        SENDS,
        WARM_UP);
    measure("keep-alive connection, " + small.bytes() + " B CSV", small, true, SENDS);
    measure("new connection per send, " + small.bytes() + " B CSV", small, false, SENDS);
    measure("keep-alive connection, " + large.bytes() / 1024 + " KiB file", large, true, 200);
  }

  private static void measure(String what, ReportFile file, boolean keepAlive, int sends)
      throws Exception {
    try (TimingServer server = new TimingServer(keepAlive)) {
      TelegramChannel channel =
          new TelegramChannel(
              TelegramSettings.of("123:fake")
                  .withBaseUrl(server.baseUrl())
                  .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30))
                  .withRateLimits(
                      DeliveryFixtures.UNLIMITED,
                      DeliveryFixtures.UNLIMITED,
                      DeliveryFixtures.UNLIMITED));
      List<Long> toFirstByte = new ArrayList<>();
      List<Long> toLastByte = new ArrayList<>();
      for (int i = 0; i < WARM_UP + sends; i++) {
        LeaseFence fence = new LeaseFence(Duration.ofSeconds(30));
        channel.send(
            new Delivery(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Recipient.telegram(1_000L + i),
                file,
                "key-" + i,
                fence));
        long[] arrived = server.arrivals.poll(10, TimeUnit.SECONDS);
        assertThat(arrived).as("the server saw request %d", i).isNotNull();
        assertThat(fence.checks).as("checked once, by the channel").isEqualTo(1);
        if (i >= WARM_UP) {
          toFirstByte.add(arrived[0] - fence.lastCheck);
          toLastByte.add(arrived[1] - fence.lastCheck);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "  %-44s to first byte p50 %7.1f p99 %7.1f max %8.1f | to last byte p50 %8.1f p99"
              + " %8.1f max %8.1f%n",
          what,
          micros(toFirstByte, 50),
          micros(toFirstByte, 99),
          micros(toFirstByte, 100),
          micros(toLastByte, 50),
          micros(toLastByte, 99),
          micros(toLastByte, 100));
    }
  }

  private static double micros(List<Long> nanos, int percentile) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int index =
        percentile >= 100
            ? sorted.size() - 1
            : (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1000.0;
  }

  /** The engine's fence, as it costs: a volatile flag, the lease bound on the monotonic clock. */
  static final class LeaseFence implements Fence {
    private final long validUntil;
    private volatile boolean lost;
    volatile long lastCheck;
    volatile int checks;

    LeaseFence(Duration lease) {
      this.validUntil = System.nanoTime() + lease.toNanos();
    }

    @Override
    public void check() {
      if (lost || System.nanoTime() - validUntil >= 0) {
        throw new IllegalStateException("the lease ran out mid-benchmark");
      }
      checks++;
      lastCheck = System.nanoTime();
    }
  }

  /**
   * An HTTP/1.1 server on loopback that notes when each request's first and last byte arrived and
   * answers {@code sendDocument} as Telegram does.
   */
  static final class TimingServer implements AutoCloseable {
    final BlockingQueue<long[]> arrivals = new LinkedBlockingQueue<>();
    private final ServerSocket socket;
    private final boolean keepAlive;
    private final Thread acceptor;

    TimingServer(boolean keepAlive) throws IOException {
      this.keepAlive = keepAlive;
      this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      this.acceptor = new Thread(this::accept, "timing-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket connection = socket.accept();
          connection.setTcpNoDelay(true);
          Thread serve = new Thread(() -> serve(connection), "timing-connection");
          serve.setDaemon(true);
          serve.start();
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void serve(Socket connection) {
      try (connection;
          InputStream in = new BufferedInputStream(connection.getInputStream(), 1 << 16);
          OutputStream out = connection.getOutputStream()) {
        while (true) {
          int first = in.read();
          long firstAt = System.nanoTime();
          if (first < 0) {
            return;
          }
          long length = -1;
          StringBuilder line = new StringBuilder().append((char) first);
          // headers, up to the empty line
          while (true) {
            int b = in.read();
            if (b < 0) {
              return;
            }
            if (b == '\n') {
              String header = line.toString().trim();
              if (header.isEmpty()) {
                break;
              }
              if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).trim());
              }
              line.setLength(0);
            } else {
              line.append((char) b);
            }
          }
          if (length < 0) {
            throw new IllegalStateException("no Content-Length: the client streamed chunks");
          }
          long skipped = 0;
          byte[] buffer = new byte[1 << 16];
          while (skipped < length) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - skipped));
            if (n < 0) {
              return;
            }
            skipped += n;
          }
          long lastAt = System.nanoTime();
          arrivals.add(new long[] {firstAt, lastAt});
          byte[] body =
              ("{\"ok\":true,\"result\":{\"message_id\":1,\"chat\":{\"id\":1,\"type\":\"private\"}"
                      + ",\"date\":0}}")
                  .getBytes(StandardCharsets.UTF_8);
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                      + body.length
                      + (keepAlive ? "" : "\r\nConnection: close")
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.write(body);
          out.flush();
          if (!keepAlive) {
            return;
          }
        }
      } catch (IOException e) {
        // the client went away
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
