package dev.reports.engine.report;

import dev.reports.engine.ReportEngineException;

/**
 * A report that cannot be produced. {@link #permanent()} ones (an unknown filter, missing data, a
 * value that does not fit its column) fail the run at once; others are retried with backoff.
 */
public class ReportException extends ReportEngineException {
  private final boolean permanent;

  public ReportException(String message, boolean permanent) {
    super(message);
    this.permanent = permanent;
  }

  public ReportException(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  public boolean permanent() {
    return permanent;
  }
}
