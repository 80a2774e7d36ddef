package dev.reports.engine.report;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A generated CSV report, on local disk for the duration of its run.
 *
 * @param path where the file is
 * @param fileName the name recipients see, {@code {slug}-{YYYY-MM-DD}.csv}
 * @param description the report's name, slug, period and link
 * @param runDate the run's date in the schedule's time zone
 * @param rows data rows (the header not counted)
 * @param bytes file size
 * @param sha256 lower-case hex SHA-256 of the file
 * @param title what the message calls the report: the schedule's name, or the report's
 * @param zone the schedule's time zone, or {@code null} when not known
 */
public record ReportFile(
    Path path,
    String fileName,
    ReportDescription description,
    LocalDate runDate,
    long rows,
    long bytes,
    String sha256,
    String title,
    ZoneId zone) {

  /** A file titled by its description's name, its zone not known. */
  public ReportFile(
      Path path,
      String fileName,
      ReportDescription description,
      LocalDate runDate,
      long rows,
      long bytes,
      String sha256) {
    this(path, fileName, description, runDate, rows, bytes, sha256, description.name(), null);
  }
}
