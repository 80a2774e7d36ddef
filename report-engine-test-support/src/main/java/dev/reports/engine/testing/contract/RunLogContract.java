package dev.reports.engine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * The rules every {@link RunLog} keeps, as tests: extend it, say how to make the run log under test
 * and how to let a claim's lease run out, and every test must pass.
 *
 * <p>{@code FakeRunLogContractTest} (the fake's), {@code JdbcRunLogTest} (the engine's, on
 * PostgreSQL) and {@code JooqRunLogContractTest} (the report service's) are examples;
 * docs/testing.md shows one.
 *
 * <p>{@link #runLog()} is called once before each test; {@link #scheduleId()} once per schedule a
 * test needs (a store with foreign keys inserts the schedule there).
 */
public abstract class RunLogContract {
  /** A lease no test outlives. */
  protected static final Duration LEASE = Duration.ofMinutes(5);

  private RunLog runLog;
  private UUID schedule;
  private Instant instant;

  /** The run log under test, on a clean store (or one where the test's schedules are new). */
  protected abstract RunLog runLog();

  /**
   * Lets the lease of {@code run}'s current claim run out now, as if its node had stalled past it,
   * so that the next claim of its instant takes it over.
   */
  protected abstract void expireLease(Run run);

  /** A schedule the run log accepts runs of; a new one each call. Default: a random id. */
  protected UUID scheduleId() {
    return UUID.randomUUID();
  }

  /**
   * Whether the run log counts failed runs in a row ({@link RunLog#finish(Run, RunResult, int,
   * String)}).
   */
  protected boolean countsFailures() {
    return true;
  }

  @BeforeEach
  void setUpRunLogContract() {
    runLog = runLog();
    schedule = scheduleId();
    instant = Instant.now().truncatedTo(ChronoUnit.MINUTES);
  }

  private Run candidate(RunKind kind) {
    return new Run(UUID.randomUUID(), schedule, instant, kind, 1);
  }

  private Run claimed(String node) {
    return runLog.claim(candidate(RunKind.SCHEDULED), node, LEASE).orElseThrow();
  }

  private static RunResult result(RunStatus status) {
    return new RunResult(
        status,
        Instant.now(),
        10L,
        200L,
        "ab12",
        status == RunStatus.SUCCEEDED ? Optional.empty() : Optional.of("failed"),
        Optional.of(Instant.now().plus(Duration.ofDays(1))));
  }

  @Test
  void aNewInstantIsClaimedAsTheCandidateWithAttemptOne() {
    Run candidate = candidate(RunKind.SCHEDULED);

    assertThat(runLog.claim(candidate, "node-1", LEASE)).contains(candidate);
  }

  @Test
  void theSameInstantIsNotClaimedTwiceWhileItsLeaseLives() {
    claimed("node-1");

    assertThat(runLog.claim(candidate(RunKind.SCHEDULED), "node-2", LEASE)).isEmpty();
    assertThat(runLog.claim(candidate(RunKind.SCHEDULED), "node-1", LEASE)).isEmpty();
    // a missed run stands for the same instant as the scheduled one
    assertThat(runLog.claim(candidate(RunKind.MISSED), "node-2", LEASE)).isEmpty();
  }

  @Test
  void otherInstantsAndOtherSchedulesAreClaimedOnTheirOwn() {
    claimed("node-1");
    Run later = new Run(UUID.randomUUID(), schedule, instant.plusSeconds(60), RunKind.SCHEDULED, 1);
    Run other = new Run(UUID.randomUUID(), scheduleId(), instant, RunKind.SCHEDULED, 1);

    assertThat(runLog.claim(later, "node-2", LEASE)).contains(later);
    assertThat(runLog.claim(other, "node-2", LEASE)).contains(other);
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
      int winners = 0;
      for (Future<Optional<Run>> claim : pool.invokeAll(claims)) {
        winners += claim.get().isPresent() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anExpiredLeaseIsTakenOverAsTheSameRunWithTheNextAttempt() {
    Run first = claimed("node-1");
    expireLease(first);

    Run second = runLog.claim(candidate(RunKind.SCHEDULED), "node-2", LEASE).orElseThrow();

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.scheduleId()).isEqualTo(schedule);
    assertThat(second.scheduledFor()).isEqualTo(instant);
    assertThat(second.kind()).isEqualTo(RunKind.SCHEDULED);
    assertThat(second.attempt()).isEqualTo(2);
    // the takeover holds a live lease of its own
    assertThat(runLog.claim(candidate(RunKind.SCHEDULED), "node-3", LEASE)).isEmpty();
  }

  @Test
  void aLeaseThatIsNotRenewedRunsOutByItself() throws InterruptedException {
    Run first =
        runLog.claim(candidate(RunKind.SCHEDULED), "node-1", Duration.ofMillis(300)).orElseThrow();

    Instant deadline = Instant.now().plusSeconds(10);
    Optional<Run> second = Optional.empty();
    while (second.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      second = runLog.claim(candidate(RunKind.SCHEDULED), "node-2", LEASE);
    }

    assertThat(second).map(Run::attempt).contains(first.attempt() + 1);
  }

  @Test
  void aRenewedLeaseKeepsASlowNodesRunPastItsFirstLease() throws InterruptedException {
    Duration shortLease = Duration.ofMillis(800);
    Run run = runLog.claim(candidate(RunKind.SCHEDULED), "node-1", shortLease).orElseThrow();

    // each renewal runs from now, not from the claim: together they outlast the first lease
    for (int i = 0; i < 4; i++) {
      Thread.sleep(300);
      assertThat(runLog.renew(run, shortLease)).isTrue();
    }

    assertThat(runLog.claim(candidate(RunKind.SCHEDULED), "node-2", LEASE)).isEmpty();
  }

  @Test
  void renewFailsOnceTheRunIsTakenOver() {
    Run first = claimed("node-1");
    expireLease(first);
    Run second = claimed("node-2");

    assertThat(runLog.renew(first, LEASE)).isFalse();
    assertThat(runLog.renew(second, LEASE)).isTrue();
  }

  @Test
  void renewFailsOnceTheRunFinished() {
    Run run = claimed("node-1");
    runLog.finish(run, result(RunStatus.SUCCEEDED));

    assertThat(runLog.renew(run, LEASE)).isFalse();
  }

  @Test
  void aFinishedInstantIsNeverClaimedAgain() {
    Run run = claimed("node-1");
    runLog.finish(run, result(RunStatus.FAILED));
    expireLease(run);

    assertThat(runLog.claim(candidate(RunKind.SCHEDULED), "node-2", LEASE)).isEmpty();
  }

  @Test
  void aFinishAfterATakeoverDoesNothing() {
    Run stalled = claimed("node-1");
    expireLease(stalled);
    Run current = claimed("node-2");

    runLog.finish(stalled, result(RunStatus.FAILED));

    // the run is still the current attempt's: it is running, and its own end is recorded
    assertThat(runLog.renew(current, LEASE)).isTrue();
    runLog.finish(current, result(RunStatus.SUCCEEDED));
    assertThat(runLog.renew(current, LEASE)).isFalse();
  }

  @Test
  void manualRunsOfOneInstantAreEachTheirOwnRun() {
    // two "run now" requests in the same instant, and the scheduled fire of that instant
    Run first = candidate(RunKind.MANUAL);
    Run second = candidate(RunKind.MANUAL);
    Run scheduled = candidate(RunKind.SCHEDULED);

    assertThat(runLog.claim(first, "node-1", LEASE)).contains(first);
    assertThat(runLog.claim(second, "node-2", LEASE)).contains(second);
    assertThat(runLog.claim(scheduled, "node-1", LEASE)).contains(scheduled);
    // a second fire of the same manual run finds its own claim, not another's
    assertThat(runLog.claim(first, "node-3", LEASE)).isEmpty();
  }

  @Test
  void aTakenOverManualRunStaysManual() {
    Run manual = candidate(RunKind.MANUAL);
    runLog.claim(manual, "node-1", LEASE).orElseThrow();
    expireLease(manual);

    Run again = runLog.claim(manual, "node-2", LEASE).orElseThrow();

    assertThat(again.id()).isEqualTo(manual.id());
    assertThat(again.kind()).isEqualTo(RunKind.MANUAL);
    assertThat(again.attempt()).isEqualTo(2);
  }

  @Test
  void failedRunsInARowAreCountedAndASuccessResetsThem() {
    assumeTrue(countsFailures(), "this run log does not count failed runs in a row");
    assertThat(end(RunStatus.FAILED, 0)).contains(new FailureStreak(1, false));
    assertThat(end(RunStatus.PARTIALLY_FAILED, 0)).contains(new FailureStreak(2, false));
    // a skipped run neither fails nor succeeds
    assertThat(end(RunStatus.SKIPPED_MISSED, 0)).contains(new FailureStreak(2, false));
    assertThat(end(RunStatus.SKIPPED_EMPTY, 0)).contains(new FailureStreak(2, false));
    assertThat(end(RunStatus.SUCCEEDED, 0)).contains(FailureStreak.none());
    assertThat(end(RunStatus.FAILED, 0)).contains(new FailureStreak(1, false));
  }

  @Test
  void theFailureThatReachesTheLimitPausesTheScheduleOnce() {
    assumeTrue(countsFailures(), "this run log does not count failed runs in a row");
    assertThat(end(RunStatus.FAILED, 3)).contains(new FailureStreak(1, false));
    assertThat(end(RunStatus.FAILED, 3)).contains(new FailureStreak(2, false));
    assertThat(end(RunStatus.FAILED, 3)).contains(new FailureStreak(3, true));
    assertThat(end(RunStatus.FAILED, 3)).contains(new FailureStreak(4, false));
  }

  @Test
  void anEndRecordedTwiceOrByAStaleAttemptIsNotCounted() {
    assumeTrue(countsFailures(), "this run log does not count failed runs in a row");
    Run stalled = claimed("node-1");
    expireLease(stalled);
    Run current = claimed("node-2");

    assertThat(runLog.finish(stalled, result(RunStatus.FAILED), 0, "paused")).isEmpty();
    assertThat(runLog.finish(current, result(RunStatus.FAILED), 0, "paused"))
        .contains(new FailureStreak(1, false));
    assertThat(runLog.finish(current, result(RunStatus.FAILED), 0, "paused")).isEmpty();
    assertThat(end(RunStatus.FAILED, 0)).contains(new FailureStreak(2, false));
  }

  /** Claims the schedule's next instant and ends it with {@code status}. */
  private Optional<FailureStreak> end(RunStatus status, int pauseAfter) {
    instant = instant.plusSeconds(60);
    Run run = claimed("node-1");
    return runLog.finish(run, result(status), pauseAfter, "failed " + pauseAfter + " times");
  }
}
