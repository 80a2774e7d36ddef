package dev.reports.service.report;

import java.time.LocalDate;
import java.util.List;

/**
 * A shared link's filters (docs/reports.md), typed. A null field or an empty list constrains
 * nothing; every list means "any of".
 *
 * @param platforms videos on any of these platforms
 * @param statuses videos in any of these statuses
 * @param campaignTags videos with any of these campaign tags
 * @param channelUsernames videos of any of these channels
 * @param publishedFrom published on or after this day, in the schedule's zone
 * @param publishedTo published on or before this day, in the schedule's zone
 * @param publishedWithinDays published in the this many days before the run's instant
 * @param search a case-insensitive substring of the title, matched literally
 * @param minViews at least this many views
 */
record ReportFilters(
    List<String> platforms,
    List<String> statuses,
    List<String> campaignTags,
    List<String> channelUsernames,
    LocalDate publishedFrom,
    LocalDate publishedTo,
    Integer publishedWithinDays,
    String search,
    Long minViews) {

  static final ReportFilters NONE =
      new ReportFilters(List.of(), List.of(), List.of(), List.of(), null, null, null, null, null);

  ReportFilters {
    platforms = List.copyOf(platforms);
    statuses = List.copyOf(statuses);
    campaignTags = List.copyOf(campaignTags);
    channelUsernames = List.copyOf(channelUsernames);
  }
}
