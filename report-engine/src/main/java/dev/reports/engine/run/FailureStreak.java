package dev.reports.engine.run;

/**
 * A schedule's failed runs in a row, as counted when a run's end was recorded.
 *
 * @param failuresInRow failed (or partially failed) runs since the schedule's last success or its
 *     re-enabling; 0 after a success
 * @param paused whether recording this end disabled the schedule (the count reached the limit)
 */
public record FailureStreak(int failuresInRow, boolean paused) {
  /** The streak after a run that did not fail. */
  public static FailureStreak none() {
    return new FailureStreak(0, false);
  }
}
