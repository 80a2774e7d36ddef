package dev.reports.engine.report;

import java.util.Optional;
import java.util.UUID;

/** Reads a schedule's report definition at run time. */
public interface ReportDefinitions {
  /** The definition of this schedule, or empty when the schedule no longer exists. */
  Optional<ReportDefinition> find(UUID scheduleId);
}
