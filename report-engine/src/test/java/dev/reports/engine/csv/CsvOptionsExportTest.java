package dev.reports.engine.csv;

import static dev.reports.engine.report.Column.date;
import static dev.reports.engine.report.Column.integer;
import static dev.reports.engine.report.Column.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.report.CsvOptions;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.testing.FakeReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each report is written with its own schedule's delimiter and byte order mark. */
class CsvOptionsExportTest {
  private static final Instant AS_OF = Instant.parse("2024-05-02T00:00:00Z");
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @TempDir Path workDir;

  private final FakeReport report =
      new FakeReport().columns(text("title"), text("tag"), date("day"), integer("views"));

  @Test
  void semicolonsSeparateEveryFieldAndATextHoldingOneIsQuoted() throws IOException {
    report.row("Fish; chips, and \"peas\"", null, LocalDate.of(2024, 5, 1), -1);

    byte[] bytes = export(new CsvOptions(';', false));

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(
            "title;tag;day;views\r\n" + "\"Fish; chips, and \"\"peas\"\"\";;2024-05-01;-1\r\n");
  }

  @Test
  void tabsSeparateEveryFieldAndATextHoldingATabIsQuotedAndStillNeutralised() throws IOException {
    report.row("\t=cmd", "a\tb", null, -1L);

    byte[] bytes = export(new CsvOptions('\t', false));

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo("title\ttag\tday\tviews\r\n" + "\"'\t=cmd\"\t\"a\tb\"\t\t-1\r\n");
  }

  @Test
  void aByteOrderMarkIsWrittenOnlyWhenTheScheduleAsksForIt() throws IOException {
    report.row("t", "u", LocalDate.of(2024, 5, 1), 1);

    byte[] with = export(new CsvOptions(';', true));
    byte[] without = export(new CsvOptions(';', false));

    assertThat(with).startsWith(BOM[0], BOM[1], BOM[2], (byte) 't');
    assertThat(without).startsWith((byte) 't');
    assertThat(with.length).isEqualTo(without.length + 3);
  }

  @Test
  void theDefaultIsCommasWithoutAByteOrderMark() throws IOException {
    assertThat(new String(export(CsvOptions.DEFAULT), StandardCharsets.UTF_8))
        .isEqualTo("title,tag,day,views\r\n");
  }

  @Test
  void theEngineWideByteOrderMarkStillAppliesToEveryReport() throws IOException {
    ReportFile file = new CsvExporter(workDir, true).export(request(new CsvOptions('\t', false)));

    assertThat(Files.readAllBytes(file.path())).startsWith(BOM[0], BOM[1], BOM[2], (byte) 't');
    assertThat(Files.readString(file.path())).contains("title\ttag");
  }

  @Test
  void theFileIsTitledByTheSchedulesNameWhenItHasOneAndKnowsItsZone() {
    ZoneId zone = ZoneId.of("Asia/Tokyo");
    ReportDefinition named =
        new ReportDefinition(
            UUID.randomUUID(),
            UUID.randomUUID(),
            report,
            zone,
            Set.of(),
            "Creators digest",
            false,
            CsvOptions.DEFAULT);
    ReportDefinition unnamed =
        new ReportDefinition(UUID.randomUUID(), UUID.randomUUID(), report, zone, Set.of());

    ReportFile a =
        new CsvExporter(workDir, false).export(new ReportRequest(named, UUID.randomUUID(), AS_OF));
    ReportFile b =
        new CsvExporter(workDir, false)
            .export(new ReportRequest(unnamed, UUID.randomUUID(), AS_OF));

    assertThat(a.title()).isEqualTo("Creators digest");
    assertThat(b.title()).isEqualTo("Test report");
    assertThat(a.zone()).isEqualTo(zone);
  }

  private byte[] export(CsvOptions options) throws IOException {
    ReportFile file = new CsvExporter(workDir, false).export(request(options));
    return Files.readAllBytes(file.path());
  }

  private ReportRequest request(CsvOptions options) {
    return new ReportRequest(
        new ReportDefinition(
            UUID.randomUUID(),
            UUID.randomUUID(),
            report,
            ZoneId.of("UTC"),
            Set.of(),
            null,
            false,
            options),
        UUID.randomUUID(),
        AS_OF);
  }
}
