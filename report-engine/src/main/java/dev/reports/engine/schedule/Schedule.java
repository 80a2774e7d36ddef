package dev.reports.engine.schedule;

import java.util.Objects;
import java.util.UUID;

/**
 * A schedule as the engine sees it: its id, when it runs, and whether it is enabled. What it
 * reports and to whom is read at run time through {@link
 * dev.reports.engine.report.ReportDefinitions}.
 */
public record Schedule(UUID id, ScheduleSpec spec, boolean enabled) {
  public Schedule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spec, "spec");
  }
}
