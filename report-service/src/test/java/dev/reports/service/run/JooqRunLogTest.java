package dev.reports.service.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunResult;
import dev.reports.engine.run.RunStatus;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.test.PostgresDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqRunLogTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static final Duration LEASE = Duration.ofSeconds(30);

  RunTables tables;
  JooqRunLog runLog;
  UUID scheduleId;
  Instant instant = Instant.now().truncatedTo(ChronoUnit.MINUTES);

  @BeforeEach
  void setUp() {
    tables = new RunTables(db.dataSource());
    runLog = new JooqRunLog(tables.dsl);
    scheduleId =
        tables.schedule(ScheduleSpec.daily(LocalTime.of(9, 0), ZoneId.of("Europe/Berlin")), true);
  }

  Run candidate(RunKind kind) {
    return new Run(UUID.randomUUID(), scheduleId, instant, kind, 1);
  }

  static RunResult result(RunStatus status, Instant next) {
    return new RunResult(
        status, Instant.now(), 10L, 200L, "ab12", Optional.empty(), Optional.ofNullable(next));
  }

  @Test
  void aNewInstantIsClaimedOnceAndRecordedAsRunning() {
    Run candidate = candidate(RunKind.SCHEDULED);
    assertThat(runLog.claim(candidate, "node-1", LEASE)).contains(candidate);
    assertThat(runLog.claim(candidate(RunKind.SCHEDULED), "node-2", LEASE)).isEmpty();

    var row = tables.run(candidate.id());
    assertThat(row.getStatus()).isEqualTo("running");
    assertThat(row.getKind()).isEqualTo("scheduled");
    assertThat(row.getNodeId()).isEqualTo("node-1");
    assertThat(row.getAttempts()).isEqualTo(1);
    assertThat(row.getScheduledFor().toInstant()).isEqualTo(instant);
    assertThat(row.getLeaseExpiresAt()).isAfter(row.getStartedAt().plusSeconds(25));
  }

  @Test
  void twoManualRunsOfTheSameInstantAreTwoRuns() {
    // two "run now" requests in the same millisecond, and a scheduled fire of that instant
    Run first = candidate(RunKind.MANUAL);
    Run second = candidate(RunKind.MANUAL);
    Run scheduled = candidate(RunKind.SCHEDULED);

    assertThat(runLog.claim(first, "node-1", LEASE)).contains(first);
    assertThat(runLog.claim(second, "node-2", LEASE)).contains(second);
    assertThat(runLog.claim(scheduled, "node-1", LEASE)).contains(scheduled);
    // a recovered fire of a manual run finds its own row, not another's
    assertThat(runLog.claim(first, "node-3", LEASE)).isEmpty();
    assertThat(tables.run(second.id()).getManualKey()).isEqualTo(second.id().toString());
    assertThat(tables.run(scheduled.id()).getManualKey()).isEmpty();
  }

  @Test
  void concurrentClaimsOfOneInstantHaveOneWinner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<Optional<Run>>> claims = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String node = "node-" + i;
      claims.add(() -> runLog.claim(candidate(RunKind.SCHEDULED), node, LEASE));
    }
    long winners = 0;
    for (Future<Optional<Run>> f : pool.invokeAll(claims)) {
      winners += f.get().isPresent() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(winners).isEqualTo(1);
  }

  @Test
  void aFinishedInstantIsNeverClaimedAgain() throws Exception {
    Run run =
        runLog.claim(candidate(RunKind.SCHEDULED), "node-1", Duration.ofMillis(200)).orElseThrow();
    runLog.finish(run, result(RunStatus.SUCCEEDED, null));
    Thread.sleep(400);
    assertThat(runLog.claim(candidate(RunKind.SCHEDULED), "node-2", LEASE)).isEmpty();
    assertThat(tables.run(run.id()).getLeaseExpiresAt()).isNull();
  }

  @Test
  void anExpiredLeaseIsTakenOverWithTheNextAttempt() throws Exception {
    Run first =
        runLog.claim(candidate(RunKind.SCHEDULED), "node-1", Duration.ofMillis(300)).orElseThrow();
    Thread.sleep(600);

    Run second = runLog.claim(candidate(RunKind.SCHEDULED), "node-2", LEASE).orElseThrow();

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.kind()).isEqualTo(RunKind.SCHEDULED);
    assertThat(tables.run(first.id()).getNodeId()).isEqualTo("node-2");
    // the stalled first node finds out, and its late end is not recorded
    assertThat(runLog.renew(first, LEASE)).isFalse();
    runLog.finish(first, result(RunStatus.FAILED, null));
    assertThat(tables.run(first.id()).getStatus()).isEqualTo("running");
    runLog.finish(second, result(RunStatus.SUCCEEDED, null));
    assertThat(tables.run(first.id()).getStatus()).isEqualTo("succeeded");
  }

  @Test
  void aRenewedLeaseKeepsASlowNodesRun() throws Exception {
    Run run =
        runLog.claim(candidate(RunKind.SCHEDULED), "node-1", Duration.ofMillis(400)).orElseThrow();
    for (int i = 0; i < 5; i++) {
      Thread.sleep(150);
      assertThat(runLog.renew(run, Duration.ofMillis(400))).isTrue();
    }
    assertThat(runLog.claim(candidate(RunKind.SCHEDULED), "node-2", LEASE)).isEmpty();
  }

  @Test
  void finishingWritesTheRunAndTheSchedulesLastAndNextRun() {
    Run run = runLog.claim(candidate(RunKind.SCHEDULED), "node-1", LEASE).orElseThrow();
    Instant next = instant.plus(Duration.ofDays(1));
    runLog.finish(
        run,
        new RunResult(
            RunStatus.PARTIALLY_FAILED,
            instant.plusSeconds(3),
            42L,
            4096L,
            "deadbeef",
            Optional.of("1 of 2 deliveries failed"),
            Optional.of(next)));

    var row = tables.run(run.id());
    assertThat(row.getStatus()).isEqualTo("partially_failed");
    assertThat(row.getRowCount()).isEqualTo(42L);
    assertThat(row.getByteSize()).isEqualTo(4096L);
    assertThat(row.getSha256()).isEqualTo("deadbeef");
    assertThat(row.getError()).isEqualTo("1 of 2 deliveries failed");
    assertThat(row.getFinishedAt().toInstant()).isEqualTo(instant.plusSeconds(3));
    var schedule = tables.scheduleRow(scheduleId);
    assertThat(schedule.getLastRunAt().toInstant()).isEqualTo(instant);
    assertThat(schedule.getLastRunStatus()).isEqualTo("partially_failed");
    assertThat(schedule.getNextRunAt().toInstant()).isEqualTo(next);
  }

  @Test
  void anOlderRunEndingLaterDoesNotOverwriteTheLastRun() {
    Run newer = runLog.claim(candidate(RunKind.SCHEDULED), "node-1", LEASE).orElseThrow();
    Run older =
        runLog
            .claim(
                new Run(
                    UUID.randomUUID(),
                    scheduleId,
                    instant.minusSeconds(86_400),
                    RunKind.SCHEDULED,
                    1),
                "node-2",
                LEASE)
            .orElseThrow();
    runLog.finish(newer, result(RunStatus.SUCCEEDED, instant.plusSeconds(86_400)));
    runLog.finish(older, result(RunStatus.FAILED, instant.plusSeconds(86_400)));

    var schedule = tables.scheduleRow(scheduleId);
    assertThat(schedule.getLastRunAt().toInstant()).isEqualTo(instant);
    assertThat(schedule.getLastRunStatus()).isEqualTo("succeeded");
  }

  @Test
  void aMissedInstantIsRecordedAsSkippedAndAPausedScheduleHasNoNextRun() {
    Run missed = runLog.claim(candidate(RunKind.MISSED), "node-1", LEASE).orElseThrow();
    runLog.finish(
        missed,
        new RunResult(
            RunStatus.SKIPPED_MISSED,
            Instant.now(),
            null,
            null,
            null,
            Optional.of("missed"),
            Optional.empty()));

    assertThat(tables.run(missed.id()).getKind()).isEqualTo("missed");
    assertThat(tables.run(missed.id()).getStatus()).isEqualTo("skipped_missed");
    var schedule = tables.scheduleRow(scheduleId);
    assertThat(schedule.getLastRunStatus()).isEqualTo("skipped_missed");
    assertThat(schedule.getNextRunAt()).isNull();
    assertThat(schedule.getLastRunAt().withOffsetSameInstant(ZoneOffset.UTC).toInstant())
        .isEqualTo(instant);
  }
}
