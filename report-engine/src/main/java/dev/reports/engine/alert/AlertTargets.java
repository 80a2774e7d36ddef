package dev.reports.engine.alert;

import dev.reports.engine.report.ReportDefinition;
import java.util.UUID;

/** Who is told when a schedule's run fails for good, and where they read about the run. */
public interface AlertTargets {
  /**
   * The people and chats told that a run of this schedule failed, with the schedule's name as they
   * know it; read when the run ended.
   */
  AlertAudience audience(ReportDefinition definition);

  /** Where a reader finds this run: a URL, or the host's API path of the run. */
  String runLink(UUID runId);
}
