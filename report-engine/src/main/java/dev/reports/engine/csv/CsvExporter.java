package dev.reports.engine.csv;

import dev.reports.engine.report.Column;
import dev.reports.engine.report.CsvOptions;
import dev.reports.engine.report.Report;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportException;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Streams the rows of a schedule's {@link Report} into a CSV file, as docs/reports.md describes:
 * the header is the report's column names, each value is written by its column's type, with the
 * schedule's own delimiter and byte order mark ({@link ReportDefinition#csv()}).
 *
 * <p>Each row is written as the report hands it over, so memory does not grow with the report; the
 * row count, byte size and SHA-256 are taken on the way to the disk. The file's date (in its name
 * and its {@link ReportFile#runDate()}) is the day of the run's scheduled instant in the schedule's
 * time zone.
 */
public final class CsvExporter {
  private final Path workDir;
  private final boolean byteOrderMark;
  private final FileOpener opener;

  /**
   * @param workDir where files are written (created when missing)
   * @param byteOrderMark whether every file starts with a UTF-8 byte order mark, for Excel; when
   *     false, a report's own {@link CsvOptions#byteOrderMark()} decides
   */
  public CsvExporter(Path workDir, boolean byteOrderMark) {
    this(workDir, byteOrderMark, Files::newOutputStream);
  }

  /** Tests open files that fail part-way, as a full disk would. */
  CsvExporter(Path workDir, boolean byteOrderMark, FileOpener opener) {
    this.workDir = Objects.requireNonNull(workDir, "workDir");
    this.byteOrderMark = byteOrderMark;
    this.opener = opener;
  }

  /**
   * Writes the report to a new file under the work folder; the caller deletes it when the run ends.
   * Throws {@link ReportException}; on any failure no file is left behind.
   */
  public ReportFile export(ReportRequest request) {
    ReportDefinition definition = request.definition();
    Report report = definition.report();
    List<Column> columns = columns(report);
    ZoneId zone = definition.zone();
    CsvOptions csv = definition.csv();
    if (byteOrderMark && !csv.byteOrderMark()) {
      csv = new CsvOptions(csv.delimiter(), true);
    }
    LocalDate runDate = LocalDate.ofInstant(request.asOf(), zone);
    Path file = createFile(request);
    RowPipe pipe = null;
    try {
      ReportDescription description;
      long rows;
      HashingOutputStream bytes;
      try (HashingOutputStream out = new HashingOutputStream(opener.open(file));
          // the writer buffers: the digest and the disk get large blocks
          CsvRowWriter writer = new CsvRowWriter(out, zone, csv, columns);
          RowPipe rowPipe = new RowPipe(writer, columns, "csv-writer-" + request.runId())) {
        bytes = out;
        pipe = rowPipe;
        description = report.rows(request, rowPipe);
        rowPipe.finish();
        rows = writer.rows();
      }
      if (description == null) {
        throw new ReportException("the report returned no description", false);
      }
      return new ReportFile(
          file,
          FileNames.of(description.slug(), runDate),
          description,
          runDate,
          rows,
          bytes.count(),
          bytes.sha256(),
          title(definition, description),
          zone);
    } catch (IOException | UncheckedIOException e) {
      delete(file, e);
      throw writeFailure(file, e);
    } catch (RuntimeException | Error e) {
      delete(file, e);
      if (pipe != null && pipe.failure() instanceof IOException io) {
        // the report wrapped what the sink threw: the disk, not the report, failed
        ReportException failure = writeFailure(file, io);
        failure.addSuppressed(e);
        throw failure;
      }
      throw e;
    }
  }

  /** The report's columns, checked before any file is made: some, each name once. */
  private static List<Column> columns(Report report) {
    List<Column> columns = report.columns();
    if (columns == null || columns.isEmpty()) {
      throw new ReportException("the report declares no columns", true);
    }
    columns = List.copyOf(columns);
    Set<String> names = new HashSet<>();
    for (Column column : columns) {
      if (!names.add(column.name())) {
        throw new ReportException(
            "the report declares the column \"" + column.name() + "\" twice", true);
      }
    }
    return columns;
  }

  /** The schedule's own name when it has one, else the report's. */
  private static String title(ReportDefinition definition, ReportDescription description) {
    String name = definition.name();
    return name == null || name.isBlank() ? description.name() : name;
  }

  private static ReportException writeFailure(Path file, Exception cause) {
    return new ReportException("could not write the CSV file " + file + ": " + cause, false, cause);
  }

  private Path createFile(ReportRequest request) {
    try {
      Files.createDirectories(workDir);
      return Files.createTempFile(workDir, "report-" + request.runId() + "-", ".csv");
    } catch (IOException e) {
      throw new ReportException("could not create a CSV file in " + workDir + ": " + e, false, e);
    }
  }

  private static void delete(Path file, Throwable failure) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** Opens the file a report is written to. */
  interface FileOpener {
    OutputStream open(Path file) throws IOException;
  }
}
