package dev.reports.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reports.engine.EngineTestHooks;
import dev.reports.engine.ReportEngine;
import dev.reports.engine.alert.internal.FailureAlerter;
import dev.reports.engine.delivery.Alert;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryEntry;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportException;
import dev.reports.engine.run.FailureStreak;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.run.RunResult;
import dev.reports.engine.run.RunStatus;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.FakeDeliveryChannel;
import dev.reports.engine.testing.FakeDeliveryLog;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FakeReport;
import dev.reports.engine.testing.FakeReportDefinitions;
import dev.reports.engine.testing.FakeRunLog;
import dev.reports.test.PostgresDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine tells a schedule's people of every run that failed for good, once per (run,
 * recipient), and pauses the schedule's trigger after the configured failures in a row.
 */
class FailureAlertsTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  final UUID scheduleId = UUID.randomUUID();
  final UUID organizationId = UUID.randomUUID();
  final UUID creator = UUID.randomUUID();
  final FakeReportDefinitions definitions = new FakeReportDefinitions();
  final FakeRunLog runLog = new FakeRunLog();
  final FakeDeliveryLog deliveryLog = new FakeDeliveryLog();
  final FakeDeliveryChannel email = new FakeDeliveryChannel(Channel.EMAIL);
  final AlertTargets targets =
      new AlertTargets() {
        @Override
        public AlertAudience audience(ReportDefinition definition) {
          return new AlertAudience(
              "Weekly digest", List.of(Recipient.email(creator, "creator@example.com")));
        }

        @Override
        public String runLink(UUID runId) {
          return "/v1/report-runs/" + runId;
        }
      };
  ReportEngine engine;

  @BeforeEach
  void setUp() {
    definitions.put(
        new ReportDefinition(
            scheduleId,
            organizationId,
            new FakeReport(),
            ZoneId.of("Europe/Berlin"),
            Set.of(Channel.EMAIL)));
  }

  @AfterEach
  void tearDown() {
    if (engine != null) {
      engine.stop(Duration.ofSeconds(5));
    }
  }

  private RunResult runToEnd() {
    UUID runId = engine.runNow(scheduleId);
    await().atMost(Duration.ofSeconds(15)).until(() -> runLog.result(runId).isPresent());
    return runLog.result(runId).orElseThrow();
  }

  @Test
  void everyFailedRunAlertsOnceAndTheThirdInARowPausesTheTrigger() {
    ReportEngine.Builder builder =
        ReportEngine.builder(db.dataSource())
            .schedulerName("alerts-" + UUID.randomUUID())
            .reportDefinitions(definitions)
            .runLog(runLog)
            .recipients(new FakeRecipientResolver())
            .deliveryLog(deliveryLog)
            .channel(email)
            .alertTargets(targets)
            .autoPauseAfter(3);
    engine =
        EngineTestHooks.export(
                builder,
                request -> {
                  throw new ReportException("unknown filter key \"colour\"", true);
                })
            .build();
    engine.start();
    engine.schedule(
        new Schedule(scheduleId, ScheduleSpec.daily(LocalTime.of(9, 0), ZoneId.of("UTC")), true));

    for (int failure = 1; failure <= 3; failure++) {
      RunResult result = runToEnd();
      assertThat(result.status()).isEqualTo(RunStatus.FAILED);
      int expected = failure;
      await().atMost(Duration.ofSeconds(5)).until(() -> email.alerts().size() == expected);
      Alert alert = email.alerts().get(failure - 1);
      assertThat(alert.recipient().address()).isEqualTo("creator@example.com");
      assertThat(alert.failure().reason()).isEqualTo("report: unknown filter key \"colour\"");
      assertThat(alert.failure().runLink()).isEqualTo("/v1/report-runs/" + alert.runId());
      assertThat(alert.failure().failuresInRow()).isEqualTo(failure);
      assertThat(alert.failure().paused()).isEqualTo(failure == 3);
    }

    assertThat(email.alerts().get(2).text()).contains("paused");
    assertThat(runLog.disabledReason(scheduleId))
        .hasValueSatisfying(r -> assertThat(r).contains("3 failed runs in a row"));
    await().atMost(Duration.ofSeconds(5)).until(() -> engine.upcoming(scheduleId, 1).isEmpty());
    assertThat(email.sent()).as("no report was sent").isEmpty();
  }

  @Test
  void aRunWhoseEndWasNotRecordedByThisNodeAlertsNobody() {
    // a ledger that says "not recorded here" for every end: what a node whose run was taken over,
    // or whose end had already been recorded, is told
    RunLog notRecorded =
        new RunLog() {
          @Override
          public Optional<Run> claim(Run candidate, String nodeId, Duration lease) {
            return runLog.claim(candidate, nodeId, lease);
          }

          @Override
          public boolean renew(Run run, Duration lease) {
            return runLog.renew(run, lease);
          }

          @Override
          public void finish(Run run, RunResult result) {
            runLog.finish(run, result);
          }

          @Override
          public Optional<FailureStreak> finish(
              Run run, RunResult result, int pauseAfter, String pauseReason) {
            runLog.finish(run, result);
            return Optional.empty();
          }
        };
    engine =
        EngineTestHooks.export(
                ReportEngine.builder(db.dataSource())
                    .schedulerName("alerts-" + UUID.randomUUID())
                    .reportDefinitions(definitions)
                    .runLog(notRecorded)
                    .recipients(new FakeRecipientResolver())
                    .deliveryLog(deliveryLog)
                    .channel(email)
                    .alertTargets(targets)
                    .autoPauseAfter(1),
                request -> {
                  throw new ReportException("unknown filter key \"colour\"", true);
                })
            .build();
    engine.start();
    engine.schedule(
        new Schedule(scheduleId, ScheduleSpec.daily(LocalTime.of(9, 0), ZoneId.of("UTC")), true));

    assertThat(runToEnd().status()).isEqualTo(RunStatus.FAILED);
    assertThat(runToEnd().status()).isEqualTo(RunStatus.FAILED);

    assertThat(email.alerts()).isEmpty();
    assertThat(deliveryLog.all()).isEmpty();
    assertThat(engine.upcoming(scheduleId, 1)).isNotEmpty();
  }

  @Test
  void anAlertOfTheSameRunIsSentOnceHoweverOftenItIsAsked() {
    FailureAlerter alerter =
        new FailureAlerter(
            List.of(email), deliveryLog, targets, definitions, new SimpleMeterRegistry());
    Run run = new Run(UUID.randomUUID(), scheduleId, Instant.now(), RunKind.MANUAL, 1);
    RunResult failed = failed("all 2 deliveries failed");

    alerter.alert(run, failed, new FailureStreak(1, false));
    alerter.alert(run, failed, new FailureStreak(1, false));

    assertThat(email.alerts()).hasSize(1);
    List<DeliveryRecord> rows = deliveryLog.forRun(run.id());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(rows.get(0).payload()).containsEntry("kind", "alert");
  }

  @Test
  void anAlertThatFailsIsRecordedFailedAndTheNextAskSendsIt() {
    FailureAlerter alerter =
        new FailureAlerter(
            List.of(email), deliveryLog, targets, definitions, new SimpleMeterRegistry());
    Run run = new Run(UUID.randomUUID(), scheduleId, Instant.now(), RunKind.SCHEDULED, 1);
    email.failNext(new DeliveryException("500", "Loops answered 500: boom", false, null));

    alerter.alert(run, failed("report: boom"), new FailureStreak(2, false));

    assertThat(email.alerts()).isEmpty();
    DeliveryRecord row = deliveryLog.forRun(run.id()).get(0);
    assertThat(row.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(row.payload()).containsEntry("error", "Loops answered 500: boom");

    alerter.alert(run, failed("report: boom"), new FailureStreak(2, false));

    assertThat(email.alerts()).hasSize(1);
    assertThat(deliveryLog.forRun(run.id()))
        .singleElement()
        .extracting(DeliveryRecord::status)
        .isEqualTo(DeliveryStatus.SENT);
  }

  @Test
  void aReportDeliveryAndTheAlertToTheSameRecipientHaveRowsOfTheirOwn() {
    Recipient recipient = Recipient.email(creator, "creator@example.com");
    Run run = new Run(UUID.randomUUID(), scheduleId, Instant.now(), RunKind.MANUAL, 1);
    DeliveryRecord report =
        deliveryLog.open(run, DeliveryEntry.report(organizationId, recipient), java.util.Map.of());
    DeliveryRecord alert =
        deliveryLog.open(run, DeliveryEntry.alert(organizationId, recipient), java.util.Map.of());

    assertThat(alert.id()).isNotEqualTo(report.id());
  }

  private static RunResult failed(String error) {
    return new RunResult(
        RunStatus.FAILED, Instant.now(), null, null, null, Optional.of(error), Optional.empty());
  }
}
