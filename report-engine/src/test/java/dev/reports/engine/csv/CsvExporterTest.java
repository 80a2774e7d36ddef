package dev.reports.engine.csv;

import static dev.reports.engine.report.Column.bool;
import static dev.reports.engine.report.Column.date;
import static dev.reports.engine.report.Column.decimal;
import static dev.reports.engine.report.Column.integer;
import static dev.reports.engine.report.Column.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.engine.report.Column;
import dev.reports.engine.report.Report;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportException;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.report.RowSink;
import dev.reports.engine.testing.FakeReport;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExporterTest {
  private static final String HEADER = "title,link,published,created,views,likes\r\n";

  @TempDir Path workDir;

  private final FakeReport report =
      new FakeReport()
          .columns(
              text("title"),
              text("link"),
              date("published"),
              date("created"),
              integer("views"),
              integer("likes"));

  @Test
  void writesQuotedTextBareNumbersAndDatesAndEmptyNulls() throws IOException {
    report
        .row(
            "Say \"hi\", all\nof you 🎉",
            null,
            null,
            Instant.parse("2024-01-02T03:04:05Z"),
            -5L,
            Long.MAX_VALUE)
        .row("", "", LocalDate.of(2024, 5, 1), null, Long.MIN_VALUE, 0);

    ReportFile file = export(UTC, Instant.parse("2024-05-02T00:00:00Z"));

    assertThat(content(file))
        .isEqualTo(
            HEADER
                + "\"Say \"\"hi\"\", all\nof you 🎉\",,,2024-01-02,-5,9223372036854775807\r\n"
                + "\"\",\"\",2024-05-01,,-9223372036854775808,0\r\n");
    assertThat(file.rows()).isEqualTo(2);
  }

  @Test
  void neutralisesFormulasInTextCellsOnly() throws IOException {
    report.row("=1+1", "@handle.ok_1", null, null, -1L, -2);

    ReportFile file = export(UTC, Instant.parse("2024-05-02T00:00:00Z"));

    assertThat(content(file)).endsWith("\"'=1+1\",\"@handle.ok_1\",,,-1,-2\r\n");
  }

  @Test
  void instantDatesAreDaysInTheSchedulesZone() throws IOException {
    Instant lateEveningInUtc = Instant.parse("2024-03-09T20:00:00Z");
    report.row("t", "u", lateEveningInUtc, lateEveningInUtc, 0, 0);

    ReportFile kiritimati = export(ZoneId.of("Pacific/Kiritimati"), lateEveningInUtc);
    ReportFile losAngeles = export(ZoneId.of("America/Los_Angeles"), lateEveningInUtc);

    assertThat(content(kiritimati)).contains(",2024-03-10,2024-03-10,");
    assertThat(kiritimati.runDate()).isEqualTo(LocalDate.of(2024, 3, 10));
    assertThat(kiritimati.fileName()).isEqualTo("test-2024-03-10.csv");
    assertThat(content(losAngeles)).contains(",2024-03-09,2024-03-09,");
    assertThat(losAngeles.fileName()).isEqualTo("test-2024-03-09.csv");
  }

  @Test
  void everyDateIsItsInstantsDayInTheZoneWhateverOrderTheyComeIn() throws IOException {
    Random random = new Random(42);
    long from = Instant.parse("2024-03-01T00:00:00Z").getEpochSecond();
    long span = Duration.ofDays(250).toSeconds(); // across both DST changes
    List<Instant[]> instants = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      Instant published = Instant.ofEpochSecond(from + (long) (random.nextDouble() * span));
      // runs of neighbours on the same day, as a report's order makes them, and jumps
      Instant created =
          i % 3 == 0
              ? published.plusSeconds(random.nextInt(7200) - 3600)
              : Instant.ofEpochSecond(from + (long) (random.nextDouble() * span));
      instants.add(new Instant[] {published, created});
      report.row("t", "u", published, created, 1, 2);
    }

    for (ZoneId zone :
        List.of(
            ZoneId.of("America/Los_Angeles"),
            ZoneId.of("Pacific/Kiritimati"),
            ZoneId.of("Asia/Kolkata"),
            ZoneId.of("America/Santiago"))) {
      List<String> lines = content(export(zone, NOW)).lines().skip(1).toList();
      for (int i = 0; i < instants.size(); i++) {
        String[] cells = lines.get(i).split(",");
        assertThat(cells[2] + "," + cells[3])
            .as("row %d in %s", i, zone)
            .isEqualTo(
                LocalDate.ofInstant(instants.get(i)[0], zone)
                    + ","
                    + LocalDate.ofInstant(instants.get(i)[1], zone));
      }
    }
  }

  @Test
  void zeroRowsMakeAHeaderOnlyFile() throws IOException {
    ReportFile file = export(UTC, Instant.parse("2024-05-02T00:00:00Z"));

    assertThat(content(file)).isEqualTo(HEADER);
    assertThat(file.rows()).isZero();
    assertThat(file.bytes()).isEqualTo(HEADER.length());
  }

  @Test
  void theHeaderIsTheColumnNamesAndANameHoldingTheDelimiterOrAQuoteIsQuoted() throws IOException {
    report.columns(text("plain"), integer("a,b"), decimal("say \"x\""), bool("ok"));

    assertThat(content(export(UTC, NOW))).isEqualTo("plain,\"a,b\",\"say \"\"x\"\"\",ok\r\n");
  }

  @Test
  void aReportWithoutColumnsOrWithANameTwiceFailsForGoodBeforeAnyFile() throws IOException {
    FakeReport none = new FakeReport().columns(new Column[0]);
    FakeReport twice = new FakeReport().columns(text("id"), integer("id"));

    assertThatThrownBy(() -> new CsvExporter(workDir, false).export(request(none, UTC, NOW)))
        .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessageContaining("no columns");
    assertThatThrownBy(() -> new CsvExporter(workDir, false).export(request(twice, UTC, NOW)))
        .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessageContaining("\"id\" twice");
    assertThat(filesIn(workDir)).isEmpty();
    assertThat(none.requests()).isEmpty();
  }

  @Test
  void aValueOfTheWrongTypeFailsForGoodNamingItsRowAndColumnAndLeavesNoFile() throws IOException {
    report.row("a", "b", null, null, 1L, 2L).row("c", "d", null, null, 3L, 4.5d);

    assertThatThrownBy(() -> export(UTC, NOW))
        .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessage(
            "row 2, column \"likes\" (integer): got a java.lang.Double, expected a Long,"
                + " Integer, Short, Byte or BigInteger");
    assertThat(filesIn(workDir)).isEmpty();
  }

  @Test
  void aRowWithTooFewOrTooManyValuesFailsForGoodNamingTheColumns() {
    report.columns(text("a"), integer("b")).row("x", 1).row("y");

    assertThatThrownBy(() -> export(UTC, NOW))
        .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessage("row 2 has 1 values, but the report declares 2 columns: [a, b]");
  }

  @Test
  void aRowArrayTheReportReusesIsCopiedAsItWasWhenGiven() throws IOException {
    report.columns(text("a"), integer("b"));
    Report reusing =
        new Report() {
          @Override
          public List<Column> columns() {
            return report.columns();
          }

          @Override
          public ReportDescription rows(ReportRequest request, RowSink sink) {
            Object[] values = new Object[2];
            for (int i = 0; i < 1_000; i++) {
              values[0] = "row " + i;
              values[1] = (long) i;
              sink.row(values);
            }
            return new ReportDescription("r", "r");
          }
        };

    List<String> lines =
        content(new CsvExporter(workDir, false).export(request(reusing, UTC, NOW)))
            .lines()
            .toList();

    assertThat(lines).hasSize(1_001);
    assertThat(lines.get(1)).isEqualTo("\"row 0\",0");
    assertThat(lines.get(1_000)).isEqualTo("\"row 999\",999");
  }

  @Test
  void sizeAndSha256DescribeTheBytesOnDisk() throws Exception {
    report.row("Привет, мир", "u", null, null, 1, 2).row("t", "u", null, null, 3, 4);

    ReportFile file = export(UTC, Instant.parse("2024-05-02T00:00:00Z"));

    byte[] bytes = Files.readAllBytes(file.path());
    assertThat(file.bytes()).isEqualTo(bytes.length);
    assertThat(file.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
        .matches("[0-9a-f]{64}");
  }

  @Test
  void byteOrderMarkIsOffByDefaultAndOnWhenAsked() throws IOException {
    ReportFile plain = export(UTC, Instant.parse("2024-05-02T00:00:00Z"));
    ReportFile withMark =
        new CsvExporter(workDir, true).export(request(UTC, Instant.parse("2024-05-02T00:00:00Z")));

    assertThat(Files.readAllBytes(plain.path()))
        .startsWith("title,".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readAllBytes(withMark.path()))
        .startsWith(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 't'});
    assertThat(withMark.bytes()).isEqualTo(plain.bytes() + 3);
  }

  @Test
  void fileNameUsesTheReducedSlugAndTheDescriptionIsTheReports() {
    ReportDescription description = new ReportDescription("Weekly: TikTok", "Weekly TikTok!");
    report.description(description);

    ReportFile file = export(UTC, Instant.parse("2024-05-02T10:00:00Z"));

    assertThat(file.fileName()).isEqualTo("weekly-tiktok-2024-05-02.csv");
    assertThat(file.description()).isEqualTo(description);
    assertThat(file.path().getParent()).isEqualTo(workDir);
  }

  @Test
  void aFailingReportLeavesNoFileAndItsErrorIsKept() throws IOException {
    ReportException failure = new ReportException("unknown filter key \"x\"", true);
    Report failing =
        new Report() {
          @Override
          public List<Column> columns() {
            return report.columns();
          }

          @Override
          public ReportDescription rows(ReportRequest request, RowSink sink) {
            sink.row("t", "u", null, null, 1, 2);
            throw failure;
          }
        };

    assertThatThrownBy(() -> new CsvExporter(workDir, false).export(request(failing, UTC, NOW)))
        .isSameAs(failure);
    assertThat(filesIn(workDir)).isEmpty();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().startsWith("csv-writer-"));
  }

  @Test
  void aWorkFolderThatCannotBeCreatedIsARetryableReportError() throws IOException {
    Path notADirectory = Files.createFile(workDir.resolve("occupied"));

    assertThatThrownBy(() -> new CsvExporter(notADirectory, false).export(request(UTC, NOW)))
        .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.permanent()).isFalse());
  }

  @Test
  void aFullDiskIsARetryableReportErrorEvenWhenTheReportWrapsItAndLeavesNoFile()
      throws IOException {
    report.rows(
        Stream.generate(() -> new Object[] {"a title of some length", "u", null, null, 1, 2})
            .limit(10_000)
            .toList());
    Report wrapping =
        new Report() {
          @Override
          public List<Column> columns() {
            return report.columns();
          }

          @Override
          public ReportDescription rows(ReportRequest request, RowSink sink) {
            try {
              return report.rows(request, sink);
            } catch (RuntimeException e) {
              throw new IllegalStateException("the report's own wrapper", e);
            }
          }
        };
    CsvExporter exporter =
        new CsvExporter(workDir, false, file -> new DiskFullAfter(100_000, file));

    assertThatThrownBy(() -> exporter.export(request(wrapping, UTC, NOW)))
        .isInstanceOfSatisfying(
            ReportException.class,
            e -> {
              assertThat(e.permanent()).isFalse();
              assertThat(e).hasMessageContaining("No space left on device");
            });
    assertThat(filesIn(workDir)).isEmpty();
  }

  @Test
  void eachExportGetsItsOwnFile() {
    ReportFile first = export(UTC, NOW);
    ReportFile second = export(UTC, NOW);

    assertThat(first.path()).isNotEqualTo(second.path());
    assertThat(first.fileName()).isEqualTo(second.fileName());
  }

  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final Instant NOW = Instant.parse("2024-05-02T00:00:00Z");

  private ReportFile export(ZoneId zone, Instant asOf) {
    return new CsvExporter(workDir, false).export(request(zone, asOf));
  }

  private ReportRequest request(ZoneId zone, Instant asOf) {
    return request(report, zone, asOf);
  }

  private static ReportRequest request(Report report, ZoneId zone, Instant asOf) {
    return new ReportRequest(
        new ReportDefinition(UUID.randomUUID(), UUID.randomUUID(), report, zone, Set.of()),
        UUID.randomUUID(),
        asOf);
  }

  private static String content(ReportFile file) throws IOException {
    return Files.readString(file.path(), StandardCharsets.UTF_8);
  }

  private static List<Path> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  /** A file on a disk that fills up after {@code capacity} bytes. */
  private static final class DiskFullAfter extends FilterOutputStream {
    private long left;

    DiskFullAfter(long capacity, Path file) throws IOException {
      super(Files.newOutputStream(file));
      this.left = capacity;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > left) {
        throw new IOException("No space left on device");
      }
      left -= len;
      out.write(b, off, len);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }
}
