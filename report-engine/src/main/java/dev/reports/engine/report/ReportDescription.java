package dev.reports.engine.report;

import java.util.Objects;

/**
 * What names a report and what it covers, as the report tells after streaming its rows.
 *
 * @param name the display name of what is reported (say, the name of the saved view it exports)
 * @param slug the short name the CSV file is named by ({@code {slug}-{YYYY-MM-DD}.csv})
 * @param period the dates the rows were selected from, in the schedule's time zone
 * @param url where recipients can open what is reported, or {@code null} for no link
 */
public record ReportDescription(String name, String slug, ReportPeriod period, String url) {
  public ReportDescription {
    Objects.requireNonNull(period, "period");
  }

  /** A report over all time, without a link. */
  public ReportDescription(String name, String slug) {
    this(name, slug, ReportPeriod.ALL_TIME, null);
  }
}
