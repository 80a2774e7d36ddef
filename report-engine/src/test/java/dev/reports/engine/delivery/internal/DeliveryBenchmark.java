package dev.reports.engine.delivery.internal;

import static dev.reports.engine.delivery.internal.DeliveryFixtures.definition;
import static dev.reports.engine.delivery.internal.DeliveryFixtures.fastRetries;
import static dev.reports.engine.delivery.internal.DeliveryFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryChannels;
import dev.reports.engine.delivery.LoopsSettings;
import dev.reports.engine.delivery.RateLimit;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.TelegramSettings;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.testing.FakeDeliveryLog;
import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.engine.testing.TestReportFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery figures, printed; run with {@code mvn -q -B -pl report-engine -am verify
 * -Dtest=DeliveryBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false} (see
 * docs/benchmarks.md). Skipped in the normal build.
 *
 * <ul>
 *   <li>Rate limits: sends a burst through the fake providers at the default limits and reports the
 *       most requests any one-second window saw at the provider, against the same burst unlimited.
 *   <li>Streaming: bytes the sending thread allocates to upload a 16 MB CSV, as a multiple of the
 *       file size, against reading the file and base64-encoding it in memory.
 * </ul>
 */
class DeliveryBenchmark {
  @TempDir static Path dir;

  @BeforeAll
  static void onlyWhenAskedFor() {
    Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "set -Dbenchmark=true to run");
  }

  @Test
  void telegramPacingKeepsTheBotUnder30MessagesASecond() throws Exception {
    ReportFile file = TestReportFiles.csv(dir, 20);
    int runs = 6;
    int chats = 25;
    List<Instant> paced = telegramBurst(file, runs, chats, TelegramSettings.DEFAULT_BOT_LIMIT);
    List<Instant> unpaced = telegramBurst(file, runs, chats, DeliveryFixtures.UNLIMITED);
    print(
        "Telegram, " + runs + " runs at once x " + chats + " chats each, one bot",
        "default limit (30/s)",
        paced,
        "unlimited",
        unpaced);
    assertThat(maxInOneSecond(paced)).isLessThanOrEqualTo(30);
  }

  @Test
  void loopsPacingKeepsTheTeamUnder10RequestsASecond() {
    ReportFile file = TestReportFiles.csv(dir, 20);
    int emails = 40;
    List<Instant> paced = loopsBurst(file, emails, LoopsSettings.DEFAULT_RATE_LIMIT);
    List<Instant> unpaced = loopsBurst(file, emails, DeliveryFixtures.UNLIMITED);
    print(
        "Loops, " + emails + " emails, one team",
        "default limit (10/s)",
        paced,
        "unlimited",
        unpaced);
    assertThat(maxInOneSecond(paced)).isLessThanOrEqualTo(10);
  }

  @Test
  void uploadsStreamFromDiskInsteadOfLoadingTheFile() throws IOException {
    ReportFile file = TestReportFiles.incompressible(dir, 16 * 1024 * 1024);
    double mb = file.bytes() / (1024d * 1024);

    long inMemory =
        allocatedBy(
            () -> {
              try {
                return Base64.getEncoder().encodeToString(Files.readAllBytes(file.path())).length();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });

    long loops;
    try (FakeLoopsServer server = new FakeLoopsServer().maxBodyBytes(200L * 1024 * 1024)) {
      FakeRecipientResolver one =
          new FakeRecipientResolver().add(Recipient.email(UUID.randomUUID(), "a@example.com"));
      DeliveryRunner runner =
          new DeliveryRunner(
              List.of(
                  DeliveryChannels.loops(
                      LoopsSettings.of(server.apiKey(), server.transactionalId())
                          .withBaseUrl(server.baseUrl())
                          .withMaxAttachmentBytes(100L * 1024 * 1024))),
              one,
              new FakeDeliveryLog(),
              new SimpleMeterRegistry(),
              fastRetries());
      ReportDefinition definition = definition(Channel.EMAIL);
      loops = allocatedBy(() -> runner.deliver(definition, run(definition), file));
      assertThat(server.delivered()).hasSize(2); // warm-up and measured
    }

    long telegram;
    try (FakeTelegramServer server = new FakeTelegramServer()) {
      FakeRecipientResolver one = new FakeRecipientResolver().add(Recipient.telegram(42L));
      DeliveryRunner runner =
          new DeliveryRunner(
              List.of(
                  DeliveryChannels.telegram(
                      TelegramSettings.of(server.token()).withBaseUrl(server.baseUrl()))),
              one,
              new FakeDeliveryLog(),
              new SimpleMeterRegistry(),
              fastRetries());
      ReportDefinition definition = definition(Channel.TELEGRAM);
      telegram = allocatedBy(() -> runner.deliver(definition, run(definition), file));
      assertThat(server.delivered()).hasSize(2); // warm-up and measured
    }

    System.out.printf(
        Locale.ROOT,
        "%nUpload of a %.1f MB CSV: bytes allocated by the sending thread, per byte of file%n"
            + "  baseline: read + base64 in memory  %6.2f x  (%,d bytes)%n"
            + "  Loops (base64 streamed into JSON)  %6.3f x  (%,d bytes)  %.0f times less%n"
            + "  Telegram (multipart from disk)     %6.3f x  (%,d bytes)  %.0f times less%n",
        mb,
        inMemory / (double) file.bytes(),
        inMemory,
        loops / (double) file.bytes(),
        loops,
        inMemory / (double) loops,
        telegram / (double) file.bytes(),
        telegram,
        inMemory / (double) telegram);
    assertThat(loops).isLessThan(file.bytes() / 4);
    assertThat(telegram).isLessThan(file.bytes() / 4);
  }

  /**
   * {@code runs} runs delivering at once through channels of one bot, as schedules firing together.
   */
  private static List<Instant> telegramBurst(ReportFile file, int runs, int chats, RateLimit limit)
      throws Exception {
    try (FakeTelegramServer server =
        new FakeTelegramServer(runs + ":" + "A".repeat(30) + limit.permits())) {
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(runs);
      try {
        List<java.util.concurrent.Callable<Object>> work = new java.util.ArrayList<>();
        for (int r = 0; r < runs; r++) {
          FakeRecipientResolver resolver = new FakeRecipientResolver();
          for (int i = 1; i <= chats; i++) {
            resolver.add(Recipient.telegram(r * 1000L + i));
          }
          DeliveryRunner runner =
              new DeliveryRunner(
                  List.of(
                      DeliveryChannels.telegram(
                          TelegramSettings.of(server.token())
                              .withBaseUrl(server.baseUrl())
                              .withRateLimits(
                                  limit,
                                  TelegramSettings.DEFAULT_CHAT_LIMIT,
                                  TelegramSettings.DEFAULT_GROUP_LIMIT))),
                  resolver,
                  new FakeDeliveryLog(),
                  new SimpleMeterRegistry(),
                  fastRetries());
          ReportDefinition definition = definition(Channel.TELEGRAM);
          work.add(() -> runner.deliver(definition, run(definition), file));
        }
        for (var f : pool.invokeAll(work)) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(server.delivered()).hasSize(runs * chats);
      return server.delivered().stream().map(FakeTelegramServer.Upload::receivedAt).toList();
    }
  }

  private static List<Instant> loopsBurst(ReportFile file, int emails, RateLimit limit) {
    String key = "bench-key-" + limit.permits();
    try (FakeLoopsServer server = new FakeLoopsServer(key, "tid")) {
      FakeRecipientResolver resolver = new FakeRecipientResolver();
      for (int i = 0; i < emails; i++) {
        resolver.add(Recipient.email(UUID.randomUUID(), "user" + i + "@example.com"));
      }
      new DeliveryRunner(
              List.of(
                  DeliveryChannels.loops(
                      LoopsSettings.of(key, "tid")
                          .withBaseUrl(server.baseUrl())
                          .withRateLimit(limit))),
              resolver,
              new FakeDeliveryLog(),
              new SimpleMeterRegistry(),
              fastRetries())
          .deliver(definition(Channel.EMAIL), run(definition(Channel.EMAIL)), file);
      assertThat(server.delivered()).hasSize(emails);
      return server.delivered().stream().map(FakeLoopsServer.Email::receivedAt).toList();
    }
  }

  private static void print(
      String what, String limitedName, List<Instant> limited, String baseName, List<Instant> base) {
    System.out.printf(
        Locale.ROOT,
        "%n%s%n  %-22s %3d sends over %5.2f s, at most %3d in any 1 s window at the provider%n"
            + "  %-22s %3d sends over %5.2f s, at most %3d in any 1 s window at the provider%n",
        what,
        limitedName,
        limited.size(),
        seconds(limited),
        maxInOneSecond(limited),
        baseName,
        base.size(),
        seconds(base),
        maxInOneSecond(base));
  }

  private static double seconds(List<Instant> times) {
    return Duration.between(times.get(0), times.get(times.size() - 1)).toNanos() / 1e9;
  }

  /** The most requests whose arrival times fit in any half-open one-second window. */
  static int maxInOneSecond(List<Instant> times) {
    List<Instant> sorted = times.stream().sorted().toList();
    int best = 0;
    int start = 0;
    for (int end = 0; end < sorted.size(); end++) {
      while (!sorted.get(start).plusSeconds(1).isAfter(sorted.get(end))) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  private static long allocatedBy(Supplier<?> work) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    work.get(); // warm up class loading and JIT so the figure is the steady state
    long before = threads.getThreadAllocatedBytes(id);
    work.get();
    return threads.getThreadAllocatedBytes(id) - before;
  }
}
