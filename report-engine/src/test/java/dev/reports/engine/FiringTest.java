package dev.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.reports.engine.delivery.internal.DeliveryOutcome;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunResult;
import dev.reports.engine.run.RunStatus;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.test.PostgresDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FiringTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  TestNodes nodes;

  @BeforeEach
  void setUp() {
    nodes = new TestNodes(db.dataSource());
  }

  @AfterEach
  void tearDown() {
    nodes.close();
  }

  private RunResult resultOf(Run run) {
    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.runLog.result(run.id()).isPresent());
    return nodes.runLog.result(run.id()).orElseThrow();
  }

  @Test
  void aScheduleFiresWithinOneSecondOfEveryInstant() {
    ReportEngine engine = nodes.node("a");
    Schedule s = nodes.everySeconds(2);
    Instant firstDue = engine.upcoming(s.spec(), 1).get(0);
    engine.schedule(s);

    await().atMost(Duration.ofSeconds(15)).until(() -> nodes.steps.exports.size() >= 4);

    List<RecordingSteps.Export> exports = nodes.steps.exports;
    assertThat(exports.get(0).request().asOf()).isBetween(firstDue, firstDue.plusSeconds(2));
    for (int i = 0; i < exports.size(); i++) {
      RecordingSteps.Export e = exports.get(i);
      assertThat(Duration.between(e.request().asOf(), e.at()))
          .isBetween(Duration.ZERO, Duration.ofSeconds(1));
      if (i > 0) {
        assertThat(e.request().asOf())
            .isEqualTo(exports.get(i - 1).request().asOf().plusSeconds(2));
      }
    }
    Run first = nodes.runLog.claims().get(0);
    assertThat(first.kind()).isEqualTo(RunKind.SCHEDULED);
    RunResult result = resultOf(first);
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.nextRunAt()).get().matches(next -> next.isAfter(first.scheduledFor()));
  }

  @Test
  void runNowRunsOnceAsManualWithoutMovingTheNextRun() {
    ReportEngine engine = nodes.node("a");
    Schedule s = nodes.schedule(ScheduleSpec.daily(LocalTime.of(3, 0), ZoneId.of("Asia/Kolkata")));
    Instant next = engine.schedule(s).orElseThrow();

    UUID runId = engine.runNow(s.id());

    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.runLog.claims().size() == 1);
    Run run = nodes.runLog.claims().get(0);
    assertThat(run.id()).isEqualTo(runId);
    assertThat(run.kind()).isEqualTo(RunKind.MANUAL);
    assertThat(resultOf(run).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(resultOf(run).nextRunAt()).contains(next);
    assertThat(engine.upcoming(s.id(), 1)).containsExactly(next);
    assertThat(nodes.steps.deliveries).hasSize(1);
  }

  @Test
  void twoRunsNowAskedForInTheSameMillisecondAreTwoRuns() {
    // a frozen clock: both requests stand for the same instant, which once made them one run
    Instant frozen = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    ReportEngine engine =
        nodes.start(
            nodes.builder("a").clock(java.time.Clock.fixed(frozen, java.time.ZoneOffset.UTC)));
    Schedule s = nodes.schedule(ScheduleSpec.daily(LocalTime.of(3, 0), ZoneId.of("Asia/Kolkata")));
    engine.schedule(s);

    UUID first = engine.runNow(s.id());
    UUID second = engine.runNow(s.id());

    await().atMost(Duration.ofSeconds(20)).until(() -> nodes.runLog.claims().size() == 2);
    assertThat(nodes.runLog.claims()).extracting(Run::id).containsExactlyInAnyOrder(first, second);
    assertThat(nodes.runLog.claims())
        .allSatisfy(r -> assertThat(r.scheduledFor()).isEqualTo(frozen));
    await().atMost(Duration.ofSeconds(20)).until(() -> nodes.steps.deliveries.size() == 2);
  }

  @Test
  void runNowOfAnUnknownScheduleIsAnError() {
    ReportEngine engine = nodes.node("a");
    assertThatThrownBy(() -> engine.runNow(UUID.randomUUID()))
        .isInstanceOf(ReportEngineException.class)
        .hasMessageContaining("not scheduled");
  }

  @Test
  void aPausedScheduleDoesNotFireAndResumesFromItsNextInstant() throws Exception {
    ReportEngine engine = nodes.node("a");
    Schedule s = nodes.everySeconds(1);
    engine.schedule(s);
    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.steps.exports.size() >= 1);

    engine.pause(s.id());
    Thread.sleep(300); // a fire already under way may still end
    int before = nodes.steps.exports.size();
    assertThat(engine.upcoming(s.id(), 3)).isEmpty();
    Thread.sleep(2_500);
    assertThat(nodes.steps.exports).hasSize(before);

    Instant resumedAt = Instant.now();
    engine.resume(s.id());
    assertThat(engine.upcoming(s.id(), 1).get(0)).isAfter(resumedAt.minusSeconds(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.steps.exports.size() > before);
    // nothing from the paused period was caught up
    assertThat(nodes.steps.exports.subList(before, nodes.steps.exports.size()))
        .allSatisfy(
            e -> assertThat(e.request().asOf()).isAfterOrEqualTo(resumedAt.minusSeconds(1)));
  }

  @Test
  void aDisabledScheduleHasAPausedTriggerThatRunNowStillRuns() {
    ReportEngine engine = nodes.node("a");
    Schedule enabled = nodes.everySeconds(1);
    Schedule disabled = new Schedule(enabled.id(), enabled.spec(), false);

    assertThat(engine.schedule(disabled)).isEmpty();
    assertThat(engine.upcoming(disabled.id(), 2)).isEmpty();
    engine.runNow(disabled.id());

    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.runLog.claims().size() == 1);
    assertThat(nodes.runLog.claims().get(0).kind()).isEqualTo(RunKind.MANUAL);
    assertThat(engine.schedule(enabled)).isPresent();
    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.runLog.claims().size() > 1);
  }

  @Test
  void unscheduleStopsFiringAndKeepsTheHistory() throws Exception {
    ReportEngine engine = nodes.node("a");
    Schedule s = nodes.everySeconds(1);
    engine.schedule(s);
    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.steps.exports.size() >= 1);

    engine.unschedule(s.id());
    Thread.sleep(300);
    int after = nodes.steps.exports.size();
    Thread.sleep(2_000);
    assertThat(nodes.steps.exports).hasSize(after);
    assertThat(engine.upcoming(s.id(), 1)).isEmpty();
    assertThat(nodes.runLog.results()).isNotEmpty();
  }

  @Test
  void aReportFailureIsRetriedWithBackoffAndAFailedRunLeavesTheScheduleScheduled() {
    nodes.steps.failExport(2, false);
    ReportEngine engine = nodes.node("a");
    Schedule s = nodes.everySeconds(1);
    engine.schedule(s);

    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.runLog.results().size() >= 1);
    Run first = nodes.runLog.claims().get(0);
    assertThat(resultOf(first).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(nodes.steps.exports.stream().filter(e -> e.request().runId().equals(first.id())))
        .hasSize(3);

    nodes.steps.failExport(1, true);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                nodes.runLog.results().values().stream()
                    .anyMatch(r -> r.status() == RunStatus.FAILED));
    RunResult failed =
        nodes.runLog.results().values().stream()
            .filter(r -> r.status() == RunStatus.FAILED)
            .findFirst()
            .orElseThrow();
    assertThat(failed.error()).get().asString().contains("injected");
    assertThat(failed.nextRunAt()).isPresent();
    int runs = nodes.runLog.results().size();
    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.runLog.results().size() > runs + 1);
  }

  @Test
  void aDeliveryStepThatFailsWhileTheDatabaseIsAwayIsRetriedInTheSameRun() {
    nodes.steps.failDeliveries(
        new IllegalStateException("database away"), new IllegalStateException("still away"));
    ReportEngine engine = nodes.node("a");
    engine.schedule(nodes.everySeconds(1));

    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.runLog.results().size() >= 1);
    Run first = nodes.runLog.claims().get(0);
    assertThat(resultOf(first).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(nodes.steps.failedDeliveries).containsExactly(first, first);
    assertThat(nodes.steps.deliveredRuns()).startsWith(first);
    assertThat(nodes.runLog.claims().stream().filter(r -> r.id().equals(first.id()))).hasSize(1);
  }

  @Test
  void deliveryOutcomesDecideTheRunStatus() {
    nodes
        .steps
        .nextOutcome(new DeliveryOutcome(2, 1))
        .nextOutcome(new DeliveryOutcome(0, 2))
        .nextOutcome(new DeliveryOutcome(3, 0));
    ReportEngine engine = nodes.node("a");
    engine.schedule(nodes.everySeconds(1));

    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.runLog.results().size() >= 3);
    List<Run> runs = nodes.runLog.claims();
    assertThat(resultOf(runs.get(0)).status()).isEqualTo(RunStatus.PARTIALLY_FAILED);
    assertThat(resultOf(runs.get(0)).error()).contains("1 of 3 deliveries failed");
    assertThat(resultOf(runs.get(1)).status()).isEqualTo(RunStatus.FAILED);
    assertThat(resultOf(runs.get(2)).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void theReportFileIsDeletedWhenTheRunEnds() {
    ReportEngine engine = nodes.node("a");
    engine.schedule(nodes.everySeconds(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.runLog.results().size() >= 2);
    assertThat(nodes.steps.exports)
        .filteredOn(e -> e.file() != null)
        .first()
        .satisfies(e -> assertThat(Files.exists(e.file())).isFalse());
  }

  @Test
  void aFireOfADeletedScheduleRemovesItsTrigger() {
    ReportEngine engine = nodes.node("a");
    Schedule s = nodes.everySeconds(1);
    // Removed before it is scheduled: removing it after could lose the race with the first fire.
    nodes.definitions.remove(s.id());
    engine.schedule(s);

    await().atMost(Duration.ofSeconds(10)).until(() -> engine.upcoming(s.id(), 1).isEmpty());
    assertThat(nodes.runLog.claims()).isEmpty();
  }

  @Test
  void schedulingTheSameSpecAgainKeepsTheNextRunAndANewSpecMovesIt() {
    ReportEngine engine = nodes.node("a");
    Schedule s =
        nodes.schedule(
            ScheduleSpec.weekly(
                java.time.DayOfWeek.FRIDAY, LocalTime.of(9, 30), ZoneId.of("America/New_York")));
    Optional<Instant> first = engine.schedule(s);
    assertThat(engine.schedule(s)).isEqualTo(first);

    Schedule moved =
        new Schedule(
            s.id(), ScheduleSpec.daily(LocalTime.of(9, 30), ZoneId.of("America/New_York")), true);
    Optional<Instant> next = engine.schedule(moved);
    assertThat(next).isPresent().isNotEqualTo(first);
    assertThat(engine.upcoming(s.id(), 3)).isEqualTo(engine.upcoming(moved.spec(), 3));
  }

  @Test
  void firesAndRunsAreMeasured() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ReportEngine engine = nodes.start(nodes.builder("a").meterRegistry(meters));
    engine.schedule(nodes.everySeconds(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.runLog.results().size() >= 2);

    assertThat(meters.get("reports.fire.lateness").timer().count()).isGreaterThanOrEqualTo(2);
    assertThat(
            meters
                .get("reports.runs")
                .tag("status", "succeeded")
                .tag("kind", "scheduled")
                .counter()
                .count())
        .isGreaterThanOrEqualTo(2);
    // every status and kind is there from the start, at zero until it happens
    assertThat(meters.get("reports.runs").tag("status", "failed").counters())
        .hasSize(dev.reports.engine.run.RunKind.values().length);
    assertThat(meters.get("reports.runs").tag("status", "failed").counter().count()).isZero();
    assertThat(meters.get("reports.run.duration").tag("status", "succeeded").timer().count())
        .isGreaterThanOrEqualTo(2);
  }
}
