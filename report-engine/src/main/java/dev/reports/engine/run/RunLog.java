package dev.reports.engine.run;

import java.time.Duration;
import java.util.Optional;

/**
 * The run ledger: one row per (schedule, instant, {@link Run#manualKey()}), so the same instant
 * never runs twice, and every manual run is its own.
 *
 * <p>A claim holds for a lease that its node renews while the run is in progress; a node that dies
 * stops renewing, and once the lease has expired another node may take the run over. A node that is
 * merely slow keeps renewing, so nobody takes its run away while it still works on it.
 */
public interface RunLog {
  /**
   * Claims {@code candidate}'s (schedule, instant) for {@code nodeId} for {@code lease}: inserts it
   * as a new running run, or takes over the unfinished run whose lease has expired (returning it
   * with its attempt increased); empty when that instant already finished or is running under a
   * live lease elsewhere.
   */
  Optional<Run> claim(Run candidate, String nodeId, Duration lease);

  /**
   * Extends the lease of a run this node holds; false when the run is no longer this claim's
   * (finished, or taken over after its lease expired).
   */
  boolean renew(Run run, Duration lease);

  /**
   * Records how the run ended and the schedule's last-run fields and next run instant; does nothing
   * when the run was meanwhile taken over by a later attempt.
   */
  void finish(Run run, RunResult result);

  /**
   * Records the end as {@link #finish(Run, RunResult)} does and, in the same transaction, counts
   * the schedule's failed runs in a row: a {@code failed} or {@code partially_failed} run adds one,
   * a {@code succeeded} run resets the count, a skipped run leaves it. When the count reaches
   * {@code pauseAfter} (0: never) the schedule is disabled with {@code pauseReason}. Empty when the
   * end was not recorded (the run was taken over or had already finished); only then is no alert
   * sent. The default records the end without counting, and so never alerts nor pauses.
   */
  default Optional<FailureStreak> finish(
      Run run, RunResult result, int pauseAfter, String pauseReason) {
    finish(run, result);
    return Optional.empty();
  }
}
