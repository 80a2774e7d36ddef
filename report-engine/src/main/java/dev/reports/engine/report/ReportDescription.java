package dev.reports.engine.report;

/**
 * What names a report: the shared link's display name and slug (the CSV file is named {@code
 * {slug}-{YYYY-MM-DD}.csv}).
 */
public record ReportDescription(String name, String slug) {}
