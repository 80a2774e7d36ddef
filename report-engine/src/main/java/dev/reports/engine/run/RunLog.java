package dev.reports.engine.run;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The run ledger: one row per (schedule, instant), so the same instant never runs twice. */
public interface RunLog {
  /**
   * Claims the run of {@code scheduleId} for {@code scheduledFor}: a new run, the unfinished run
   * left by a crashed node (with its attempt increased), or empty when that instant already ran.
   */
  Optional<Run> claim(UUID scheduleId, Instant scheduledFor, RunKind kind, String nodeId);

  /** Records how the run ended, and the schedule's last-run fields and next run instant. */
  void finish(Run run, RunResult result);
}
