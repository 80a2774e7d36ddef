package dev.reports.engine.csv;

import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.report.ReportSource;
import java.nio.file.Path;

/** Streams a report's rows from its source into a CSV file, exactly as CONTRACT §5 says. */
public final class CsvExporter {
  private final ReportSource source;
  private final Path workDir;
  private final boolean byteOrderMark;

  public CsvExporter(ReportSource source, Path workDir, boolean byteOrderMark) {
    this.source = source;
    this.workDir = workDir;
    this.byteOrderMark = byteOrderMark;
  }

  /**
   * Writes the report to a new file under the work folder; the caller deletes it when the run ends.
   * Throws {@link dev.reports.engine.report.ReportException}.
   */
  public ReportFile export(ReportRequest request) {
    throw new UnsupportedOperationException("not implemented yet (issue 4)");
  }
}
