package dev.reports.engine.run;

import dev.reports.engine.ReportEngineException;

/**
 * This node may no longer act for a run: another node took it over (its attempt number, the run's
 * fencing token, is no longer the ledger's), or the run's lease ran out and the ledger could not be
 * asked. Nothing more is sent or recorded for the run by this attempt.
 */
public final class RunFencedException extends ReportEngineException {
  private final boolean takenOver;

  private RunFencedException(String message, boolean takenOver, Throwable cause) {
    super(message, cause);
    this.takenOver = takenOver;
  }

  /** The ledger holds a later attempt of {@code run}: this attempt's writes are refused. */
  public static RunFencedException takenOver(Run run) {
    return new RunFencedException(
        "run " + run.id() + " (attempt " + run.attempt() + ") was taken over by a later attempt",
        true,
        null);
  }

  /** The lease of {@code run} ran out on this node's clock and the ledger could not confirm it. */
  public static RunFencedException unconfirmed(Run run, Throwable cause) {
    return new RunFencedException(
        "run "
            + run.id()
            + " (attempt "
            + run.attempt()
            + "): its lease ran out and the run ledger could not confirm it is still this node's",
        false,
        cause);
  }

  /** True when another attempt holds the run; false when this node merely could not tell. */
  public boolean takenOver() {
    return takenOver;
  }
}
