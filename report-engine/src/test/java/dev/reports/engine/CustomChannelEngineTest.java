package dev.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.RateLimit;
import dev.reports.engine.delivery.RateLimiter;
import dev.reports.engine.delivery.RateLimiters;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.custom.WebhookChannel;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.run.RunStatus;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.FakeDeliveryLog;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FakeReport;
import dev.reports.engine.testing.FakeReportDefinitions;
import dev.reports.engine.testing.FakeRunLog;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A channel the host registers with the builder runs like the built-in ones. */
class CustomChannelEngineTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @TempDir Path dir;

  final MockWebServer server = new MockWebServer();
  final UUID scheduleId = UUID.randomUUID();
  final ZoneId zone = ZoneId.of("America/New_York");
  final FakeRunLog runLog = new FakeRunLog();
  final FakeDeliveryLog deliveryLog = new FakeDeliveryLog(runLog);
  final List<String> permits = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    server.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdown();
  }

  @Test
  void aRegisteredChannelIsHeldToItsRateLimitRetriedAndLoggedOncePerRecipient() {
    Recipient finance = Recipient.of(WebhookChannel.WEBHOOK, server.url("/finance").toString());
    Recipient ops = Recipient.of(WebhookChannel.WEBHOOK, "ops", server.url("/ops").toString());
    server.enqueue(new MockResponse().setResponseCode(200));
    server.enqueue(new MockResponse().setResponseCode(502)); // ops, retried after ~2 s
    server.enqueue(new MockResponse().setResponseCode(200));
    RateLimit limit = RateLimit.perSecond(5);

    UUID runId =
        runOnce(new WebhookChannel(limit), new FakeRecipientResolver().add(finance).add(ops));

    assertThat(runLog.result(runId).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(permits).hasSize(3).containsOnly("channel:webhook " + limit);
    assertThat(deliveryLog.forRun(runId))
        .hasSize(2)
        .allSatisfy(row -> assertThat(row.status()).isEqualTo(DeliveryStatus.SENT));
    assertThat(deliveryLog.row(runId, ops).payload()).containsEntry("attempts", 2);
    assertThat(deliveryLog.row(runId, finance).key()).isEqualTo(finance.address());
  }

  @Test
  void aChannelThatAsksForNoLimitTakesNoPermit() {
    server.enqueue(new MockResponse().setResponseCode(400).setBody("unknown hook"));
    Recipient hook = Recipient.of(WebhookChannel.WEBHOOK, server.url("/gone").toString());

    UUID runId = runOnce(new WebhookChannel(null), new FakeRecipientResolver().add(hook));

    assertThat(runLog.result(runId).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
    assertThat(permits).isEmpty();
    assertThat(deliveryLog.row(runId, hook).payload())
        .containsEntry("error", "the webhook answered 400: unknown hook");
  }

  private UUID runOnce(WebhookChannel channel, FakeRecipientResolver recipients) {
    RateLimiter recording =
        (key, limit) -> {
          permits.add(key + " " + limit);
          return RateLimiters.inMemory().acquire(key, limit);
        };
    ReportEngine.Builder builder =
        Engines.withFakes(db.dataSource())
            .reportDefinitions(
                new FakeReportDefinitions()
                    .put(
                        new ReportDefinition(
                            scheduleId,
                            UUID.randomUUID(),
                            new FakeReport(),
                            zone,
                            Set.of(WebhookChannel.WEBHOOK))))
            .recipients(recipients)
            .runLog(runLog)
            .deliveryLog(deliveryLog)
            .rateLimiter(recording)
            .workDir(dir)
            .channel(channel);
    try (ReportEngine engine = builder.build()) {
      engine.start();
      engine.schedule(new Schedule(scheduleId, ScheduleSpec.daily(LocalTime.of(7, 0), zone), true));
      UUID runId = engine.runNow(scheduleId);
      await().atMost(Duration.ofSeconds(30)).until(() -> runLog.result(runId).isPresent());
      return runId;
    }
  }
}
