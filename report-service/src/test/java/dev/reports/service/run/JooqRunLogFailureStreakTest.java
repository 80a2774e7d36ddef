package dev.reports.service.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.run.FailureStreak;
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

/**
 * The run ledger counts a schedule's failed runs in a row in the transaction that records each
 * run's end: exactly once per recorded end, whatever ends twice or is taken over, and it disables
 * the schedule when the count reaches the limit.
 */
class JooqRunLogFailureStreakTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static final Duration LEASE = Duration.ofSeconds(30);
  static final String REASON = "paused after 5 failed runs in a row; the last failed: boom";

  RunTables tables;
  JooqRunLog runLog;
  UUID scheduleId;
  Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS);
  int runs;

  @BeforeEach
  void setUp() {
    tables = new RunTables(db.dataSource());
    runLog = new JooqRunLog(tables.dsl);
    scheduleId =
        tables.schedule(ScheduleSpec.daily(LocalTime.of(9, 0), ZoneId.of("Europe/Berlin")), true);
  }

  /** A freshly claimed run of its own instant. */
  Run claimed() {
    Run candidate =
        new Run(UUID.randomUUID(), scheduleId, start.plusSeconds(runs++), RunKind.MANUAL, 1);
    return runLog.claim(candidate, "node-1", LEASE).orElseThrow();
  }

  static RunResult result(RunStatus status) {
    return new RunResult(
        status,
        Instant.now(),
        null,
        null,
        null,
        status == RunStatus.SUCCEEDED ? Optional.empty() : Optional.of("boom"),
        Optional.of(Instant.now().plus(Duration.ofDays(1))));
  }

  Optional<FailureStreak> end(Run run, RunStatus status) {
    return runLog.finish(run, result(status), 5, REASON);
  }

  @Test
  void theFifthFailureInARowDisablesTheScheduleWithItsReason() {
    for (int i = 1; i <= 4; i++) {
      assertThat(end(claimed(), RunStatus.FAILED)).contains(new FailureStreak(i, false));
    }
    assertThat(tables.scheduleRow(scheduleId).getEnabled()).isTrue();

    // a partially failed run counts as failed
    assertThat(end(claimed(), RunStatus.PARTIALLY_FAILED)).contains(new FailureStreak(5, true));

    var row = tables.scheduleRow(scheduleId);
    assertThat(row.getEnabled()).isFalse();
    assertThat(row.getDisabledReason()).isEqualTo(REASON);
    assertThat(row.getConsecutiveFailures()).isEqualTo(5);
    assertThat(row.getNextRunAt()).isNull();
    // a later failure (a manual run of the disabled schedule) counts on, but pauses nothing again
    assertThat(end(claimed(), RunStatus.FAILED)).contains(new FailureStreak(6, false));
  }

  @Test
  void aSucceededRunResetsTheCountAndASkippedRunLeavesIt() {
    end(claimed(), RunStatus.FAILED);
    end(claimed(), RunStatus.FAILED);

    assertThat(end(claimed(), RunStatus.SKIPPED_MISSED)).contains(new FailureStreak(2, false));
    assertThat(tables.scheduleRow(scheduleId).getConsecutiveFailures()).isEqualTo(2);

    assertThat(end(claimed(), RunStatus.SUCCEEDED)).contains(FailureStreak.none());
    assertThat(tables.scheduleRow(scheduleId).getConsecutiveFailures()).isZero();
    assertThat(end(claimed(), RunStatus.FAILED)).contains(new FailureStreak(1, false));
  }

  @Test
  void anEndRecordedTwiceIsCountedOnceAndOnlyTheFirstReportsIt() {
    Run run = claimed();

    assertThat(end(run, RunStatus.FAILED)).contains(new FailureStreak(1, false));
    assertThat(end(run, RunStatus.FAILED)).isEmpty();

    assertThat(tables.scheduleRow(scheduleId).getConsecutiveFailures()).isEqualTo(1);
  }

  @Test
  void aTakenOverRunIsCountedOnlyByTheNodeThatRecordsItsEnd() throws Exception {
    Run candidate = new Run(UUID.randomUUID(), scheduleId, start, RunKind.SCHEDULED, 1);
    Run stalled = runLog.claim(candidate, "node-1", Duration.ofMillis(300)).orElseThrow();
    Thread.sleep(600);
    Run takenOver = runLog.claim(candidate, "node-2", LEASE).orElseThrow();

    assertThat(end(takenOver, RunStatus.FAILED)).contains(new FailureStreak(1, false));
    // the stalled node wakes up: its end is not recorded, so it neither counts nor alerts
    assertThat(end(stalled, RunStatus.FAILED)).isEmpty();

    assertThat(tables.scheduleRow(scheduleId).getConsecutiveFailures()).isEqualTo(1);
  }

  @Test
  void runsEndingAtOnceOnManyThreadsAreEachCountedAndPauseOnce() throws Exception {
    List<Run> claimed = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      claimed.add(claimed());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<Optional<FailureStreak>>> ends = new ArrayList<>();
    claimed.forEach(run -> ends.add(() -> end(run, RunStatus.FAILED)));
    List<FailureStreak> streaks = new ArrayList<>();
    for (Future<Optional<FailureStreak>> f : pool.invokeAll(ends)) {
      streaks.add(f.get().orElseThrow());
    }
    pool.shutdown();

    assertThat(streaks)
        .extracting(FailureStreak::failuresInRow)
        .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(streaks).filteredOn(FailureStreak::paused).hasSize(1);
    assertThat(streaks)
        .filteredOn(FailureStreak::paused)
        .first()
        .isEqualTo(new FailureStreak(5, true));
    assertThat(tables.scheduleRow(scheduleId).getConsecutiveFailures()).isEqualTo(8);
  }
}
