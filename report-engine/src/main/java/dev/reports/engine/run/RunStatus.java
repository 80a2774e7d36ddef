package dev.reports.engine.run;

/** Where a run is, or how it ended. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  PARTIALLY_FAILED,
  FAILED,
  SKIPPED_MISSED,
  /** The report had no rows and its schedule sends nothing then; nothing was sent. */
  SKIPPED_EMPTY;

  /**
   * Whether a run that ended so counts as a failure: it adds to the schedule's failed runs in a row
   * and alerts ({@link #SUCCEEDED} resets the count; a skipped run leaves it).
   */
  public boolean isFailure() {
    return this == FAILED || this == PARTIALLY_FAILED;
  }

  /** The lower-case name stored in the database and shown by the API. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
