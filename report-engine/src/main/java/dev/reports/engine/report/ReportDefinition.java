package dev.reports.engine.report;

import dev.reports.engine.delivery.Channel;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a schedule reports and over which channels, as read at run time.
 *
 * @param scheduleId the schedule
 * @param organizationId the organization that owns the schedule
 * @param report the report to run: its columns and rows
 * @param zone the schedule's time zone: dates in the CSV and its file name are in it
 * @param channels the enabled channels
 * @param name the schedule's own name, shown in the message instead of the report's, or {@code
 *     null}
 * @param skipIfEmpty whether a report without rows is not sent (the run ends {@code
 *     skipped_empty}); otherwise a header-only CSV is sent
 * @param csv the CSV's delimiter and byte order mark
 */
public record ReportDefinition(
    UUID scheduleId,
    UUID organizationId,
    Report report,
    ZoneId zone,
    Set<Channel> channels,
    String name,
    boolean skipIfEmpty,
    CsvOptions csv) {
  public ReportDefinition {
    Objects.requireNonNull(report, "report");
    channels = Set.copyOf(channels);
    Objects.requireNonNull(csv, "csv");
  }

  /** An unnamed definition that always sends, with the default CSV. */
  public ReportDefinition(
      UUID scheduleId, UUID organizationId, Report report, ZoneId zone, Set<Channel> channels) {
    this(scheduleId, organizationId, report, zone, channels, null, false, CsvOptions.DEFAULT);
  }
}
