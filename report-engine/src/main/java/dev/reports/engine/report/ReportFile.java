package dev.reports.engine.report;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A generated CSV report, on local disk for the duration of its run.
 *
 * @param path where the file is
 * @param fileName the name recipients see, {@code {slug}-{YYYY-MM-DD}.csv}
 * @param description the report's name and slug
 * @param runDate the run's date in the schedule's time zone
 * @param rows data rows (the header not counted)
 * @param bytes file size
 * @param sha256 lower-case hex SHA-256 of the file
 */
public record ReportFile(
    Path path,
    String fileName,
    ReportDescription description,
    LocalDate runDate,
    long rows,
    long bytes,
    String sha256) {}
