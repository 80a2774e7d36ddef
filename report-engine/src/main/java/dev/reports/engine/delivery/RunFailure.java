package dev.reports.engine.delivery;

import java.util.Objects;

/**
 * What a failure alert tells: which schedule failed, why, where to read about the run, and how
 * often in a row.
 *
 * @param scheduleName the schedule's name as its people know it
 * @param reason why the run failed, as recorded on the run
 * @param runLink where the run can be read (a URL or an API path)
 * @param failuresInRow the schedule's failed runs in a row, this one included
 * @param paused whether this failure paused the schedule
 */
public record RunFailure(
    String scheduleName, String reason, String runLink, int failuresInRow, boolean paused) {
  public RunFailure {
    Objects.requireNonNull(scheduleName, "scheduleName");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(runLink, "runLink");
  }
}
