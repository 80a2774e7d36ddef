package dev.reports.engine.delivery.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliverySettings;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.internal.DeliveryOutcome;
import dev.reports.engine.delivery.internal.DeliveryRunner;
import dev.reports.engine.internal.retry.FakeTicker;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunFencedException;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.testing.FakeDeliveryLog;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FakeReport;
import dev.reports.engine.testing.TestReportFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host's channel gets the engine's retries, delivery log, idempotency and fencing. */
class WebhookDeliveryTest {
  @TempDir Path dir;

  final MockWebServer server = new MockWebServer();
  final FakeRecipientResolver resolver = new FakeRecipientResolver();
  final FakeDeliveryLog log = new FakeDeliveryLog();
  final FakeTicker ticker = new FakeTicker();
  final ReportDefinition definition =
      new ReportDefinition(
          UUID.randomUUID(),
          UUID.randomUUID(),
          new FakeReport(),
          ZoneId.of("Europe/Berlin"),
          Set.of(WebhookChannel.WEBHOOK));
  final Run run =
      new Run(
          UUID.randomUUID(),
          definition.scheduleId(),
          Instant.parse("2026-03-08T08:00:00Z"),
          RunKind.SCHEDULED,
          1);
  Recipient orders;
  ReportFile file;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    orders = Recipient.of(WebhookChannel.WEBHOOK, "shop:orders", server.url("/orders").toString());
    file = TestReportFiles.csv(dir, 3);
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdown();
  }

  DeliveryRunner runner() {
    return new DeliveryRunner(
        List.of(new WebhookChannel(null)),
        resolver,
        log,
        new SimpleMeterRegistry(),
        new DeliverySettings(
            5, Duration.ofSeconds(2), Duration.ofMinutes(1), 0, Duration.ofMinutes(10)),
        ticker,
        () -> 0.5);
  }

  @Test
  void aRetryableRefusalIsSentAgainAfterItsRetryAfterUnderTheSameIdempotencyKey() throws Exception {
    resolver.add(orders);
    server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "7"));
    server.enqueue(new MockResponse().setResponseCode(500));
    server.enqueue(new MockResponse().setResponseCode(202).setHeader("X-Request-Id", "req-1"));

    DeliveryOutcome outcome = runner().deliver(definition, run, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 0));
    assertThat(ticker.pauses()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(4));
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    RecordedRequest third = server.takeRequest();
    assertThat(List.of(second, third))
        .allSatisfy(
            r ->
                assertThat(r.getHeader("Idempotency-Key"))
                    .isEqualTo(first.getHeader("Idempotency-Key"))
                    .isEqualTo("report-" + run.id() + "-shop:orders"));
    assertThat(third.getBody().readByteArray()).isEqualTo(Files.readAllBytes(file.path()));
    DeliveryRecord row = log.row(run.id(), orders);
    assertThat(row.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(row.payload())
        .containsEntry("provider", "webhook")
        .containsEntry("provider_message_id", "req-1")
        .containsEntry("attempts", 3)
        .containsEntry("to", server.url("/orders").toString());
  }

  @Test
  void aPermanentRefusalIsAFailedRowWithTheChannelsReasonAndNoRetry() {
    resolver.add(orders);
    server.enqueue(new MockResponse().setResponseCode(404).setBody("no such hook"));

    DeliveryOutcome outcome = runner().deliver(definition, run, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(0, 1));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(ticker.pauses()).isEmpty();
    DeliveryRecord row = log.row(run.id(), orders);
    assertThat(row.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(row.payload())
        .containsEntry("error_code", "404")
        .containsEntry("error", "the webhook answered 404: no such hook")
        .containsEntry("permanent", true)
        .containsEntry("attempts", 1);
  }

  @Test
  void oneRowPerRecipientAndARecoveredRunSendsNothingAlreadySent() {
    resolver
        .add(orders)
        .add(Recipient.of(WebhookChannel.WEBHOOK, "shop:orders", server.url("/moved").toString()));
    server.enqueue(new MockResponse().setResponseCode(200));

    runner().deliver(definition, run, file);
    Run recovered =
        new Run(run.id(), run.scheduleId(), run.scheduledFor(), run.kind(), run.attempt() + 1);
    DeliveryOutcome again = runner().deliver(definition, recovered, file);

    assertThat(again).isEqualTo(new DeliveryOutcome(1, 0));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(log.forRun(run.id()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key()).isEqualTo("shop:orders");
              assertThat(r.channel()).isEqualTo(WebhookChannel.WEBHOOK);
            });
  }

  @Test
  void aFencedRunNeverCallsTheChannelNorWritesARow() {
    resolver.add(orders);
    server.enqueue(new MockResponse().setResponseCode(200));

    assertThatThrownBy(
            () ->
                runner()
                    .deliver(
                        definition,
                        run,
                        file,
                        () -> {
                          throw RunFencedException.takenOver(run);
                        }))
        .isInstanceOf(RunFencedException.class);

    assertThat(server.getRequestCount()).isZero();
    assertThat(log.forRun(run.id())).isEmpty();
  }
}
