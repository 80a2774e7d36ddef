package dev.reports.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.run.FailureStreak;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.run.RunResult;
import dev.reports.engine.run.RunStatus;
import java.time.Duration;
import java.time.Instant;
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

/**
 * What every {@link RunLog} does, seen through the port alone: one run per (schedule, instant,
 * manual key), leases that a renewing node keeps and a dead node loses to a takeover with the next
 * attempt, ends recorded once by the attempt that holds the run, and failed runs in a row counted.
 * An implementation's test extends it and says how to make the ledger and a schedule it accepts.
 */
public abstract class RunLogBehaviour {
  protected static final Duration LEASE = Duration.ofSeconds(30);

  private RunLog runLog;
  private UUID scheduleId;
  private final Instant instant = Instant.now().truncatedTo(ChronoUnit.MINUTES);

  /** The ledger under test (a new one, or one on a store shared by the class's tests). */
  protected abstract RunLog runLog();

  /** A new, enabled schedule this ledger may record runs of. */
  protected abstract UUID newSchedule();

  @BeforeEach
  void setUpLedger() {
    runLog = runLog();
    scheduleId = newSchedule();
  }

  private Run candidate(RunKind kind) {
    return candidate(kind, instant);
  }

  private Run candidate(RunKind kind, Instant at) {
    return new Run(UUID.randomUUID(), scheduleId, at, kind, 1);
  }

  private static RunResult result(RunStatus status) {
    return new RunResult(
        status,
        Instant.now(),
        10L,
        200L,
        "ab12",
        status == RunStatus.SUCCEEDED ? Optional.empty() : Optional.of("it broke"),
        Optional.of(Instant.now().plus(Duration.ofDays(1))));
  }

  @Test
  void aNewInstantIsClaimedOnceAsTheFirstAttempt() {
    Run candidate = candidate(RunKind.SCHEDULED);

    assertThat(runLog.claim(candidate, "node-1", LEASE)).contains(candidate);
    assertThat(runLog.claim(candidate(RunKind.SCHEDULED), "node-2", LEASE)).isEmpty();
  }

  @Test
  void manualRunsOfTheSameInstantAreRunsOfTheirOwn() {
    Run first = candidate(RunKind.MANUAL);
    Run second = candidate(RunKind.MANUAL);
    Run scheduled = candidate(RunKind.SCHEDULED);

    assertThat(runLog.claim(first, "node-1", LEASE)).contains(first);
    assertThat(runLog.claim(second, "node-2", LEASE)).contains(second);
    assertThat(runLog.claim(scheduled, "node-1", LEASE)).contains(scheduled);
    // a recovered fire of a manual run finds its own run, which is still held
    assertThat(runLog.claim(first, "node-3", LEASE)).isEmpty();
  }

  @Test
  void concurrentClaimsOfOneInstantHaveOneWinner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Optional<Run>>> claims = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String node = "node-" + i;
        claims.add(() -> runLog.claim(candidate(RunKind.SCHEDULED), node, LEASE));
      }
      long winners = 0;
      for (Future<Optional<Run>> f : pool.invokeAll(claims)) {
        winners += f.get().isPresent() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFinishedInstantIsNeverClaimedAgainEvenAfterItsLease() throws Exception {
    Run run =
        runLog.claim(candidate(RunKind.SCHEDULED), "node-1", Duration.ofMillis(200)).orElseThrow();
    runLog.finish(run, result(RunStatus.SUCCEEDED));
    Thread.sleep(400);

    assertThat(runLog.claim(candidate(RunKind.SCHEDULED), "node-2", LEASE)).isEmpty();
  }

  @Test
  void anExpiredLeaseIsTakenOverWithTheNextAttemptAndTheOldAttemptIsFencedOut() throws Exception {
    Run first =
        runLog.claim(candidate(RunKind.SCHEDULED), "node-1", Duration.ofMillis(300)).orElseThrow();
    Thread.sleep(600);

    Run second = runLog.claim(candidate(RunKind.SCHEDULED), "node-2", LEASE).orElseThrow();

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.kind()).isEqualTo(RunKind.SCHEDULED);
    assertThat(runLog.renew(first, LEASE)).isFalse();
    assertThat(runLog.finish(first, result(RunStatus.FAILED), 5, "paused")).isEmpty();
    assertThat(runLog.renew(second, LEASE)).isTrue();
    assertThat(runLog.finish(second, result(RunStatus.SUCCEEDED), 5, "paused")).isPresent();
    assertThat(runLog.renew(second, LEASE)).isFalse();
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
  void theFifthFailureInARowPausesTheSchedule() {
    List<FailureStreak> streaks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Run run = claimAt(instant.minus(Duration.ofHours(5 - i)));
      streaks.add(runLog.finish(run, result(RunStatus.FAILED), 5, "failing").orElseThrow());
    }

    assertThat(streaks)
        .containsExactly(
            new FailureStreak(1, false),
            new FailureStreak(2, false),
            new FailureStreak(3, false),
            new FailureStreak(4, false),
            new FailureStreak(5, true));
  }

  @Test
  void aSucceededRunResetsTheCountAndASkippedRunLeavesIt() {
    Run failed = claimAt(instant.minus(Duration.ofHours(3)));
    Run partly = claimAt(instant.minus(Duration.ofHours(2)));
    Run skipped = claimAt(instant.minus(Duration.ofHours(1)));
    Run succeeded = claimAt(instant);

    assertThat(runLog.finish(failed, result(RunStatus.FAILED), 5, "x").orElseThrow())
        .isEqualTo(new FailureStreak(1, false));
    assertThat(runLog.finish(partly, result(RunStatus.PARTIALLY_FAILED), 5, "x").orElseThrow())
        .isEqualTo(new FailureStreak(2, false));
    assertThat(
            runLog.finish(skipped, result(RunStatus.SKIPPED_EMPTY), 5, "x").orElseThrow().paused())
        .isFalse();
    assertThat(runLog.finish(succeeded, result(RunStatus.SUCCEEDED), 5, "x").orElseThrow())
        .isEqualTo(FailureStreak.none());
  }

  @Test
  void anEndRecordedTwiceIsCountedOnceAndOnlyTheFirstReportsIt() {
    Run run = claimAt(instant);

    assertThat(runLog.finish(run, result(RunStatus.FAILED), 5, "x"))
        .contains(new FailureStreak(1, false));
    assertThat(runLog.finish(run, result(RunStatus.FAILED), 5, "x")).isEmpty();
    Run next = claimAt(instant.plus(Duration.ofHours(1)));
    assertThat(runLog.finish(next, result(RunStatus.FAILED), 5, "x"))
        .contains(new FailureStreak(2, false));
  }

  private Run claimAt(Instant at) {
    return runLog.claim(candidate(RunKind.SCHEDULED, at), "node-1", LEASE).orElseThrow();
  }
}
