package dev.reports.engine.report;

import dev.reports.engine.delivery.Channel;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/**
 * What a schedule reports and over which channels, as read at run time.
 *
 * @param scheduleId the schedule
 * @param organizationId the organization that owns the schedule and its shared link
 * @param sharedLinkId the shared link whose current filters select the rows
 * @param zone the schedule's time zone: dates in the CSV and its file name are in it
 * @param channels the enabled channels
 */
public record ReportDefinition(
    UUID scheduleId, UUID organizationId, UUID sharedLinkId, ZoneId zone, Set<Channel> channels) {
  public ReportDefinition {
    channels = Set.copyOf(channels);
  }
}
