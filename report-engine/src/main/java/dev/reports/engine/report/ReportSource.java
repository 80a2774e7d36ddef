package dev.reports.engine.report;

import java.util.function.Consumer;

/** Streams the rows of a report from the host's data. */
public interface ReportSource {
  /**
   * Streams every matching row, in report order, into {@code rows} as it is read, and returns the
   * report's name and slug; throws {@link ReportException} when the report cannot be produced.
   */
  ReportDescription stream(ReportRequest request, Consumer<VideoRow> rows);
}
