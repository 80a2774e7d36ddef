package dev.reports.engine.csv;

import static dev.reports.engine.testing.VideoRowBuilder.video;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.report.CsvOptions;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.testing.FakeReportSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each report is written with its own schedule's delimiter and byte order mark. */
class CsvOptionsExportTest {
  private static final Instant AS_OF = Instant.parse("2024-05-02T00:00:00Z");
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @TempDir Path workDir;

  private final FakeReportSource source = new FakeReportSource();

  @Test
  void semicolonsSeparateEveryFieldAndATextHoldingOneIsQuoted() throws IOException {
    source.rows(
        List.of(
            video()
                .title("Fish; chips, and \"peas\"")
                .campaignTag(null)
                .statistics(1, 2, 3, 4)
                .build()));

    byte[] bytes = export(new CsvOptions(';', false));

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(
            "title;video_url;platform;status;campaign_tag;channel_username;published_at;"
                + "created_at;views;likes;comments;reposts\r\n"
                + "\"Fish; chips, and \"\"peas\"\"\";\"https://video.test/1\";\"tiktok\";"
                + "\"active\";;\"@creator\";2024-05-01;2024-04-30;1;2;3;4\r\n");
  }

  @Test
  void tabsSeparateEveryFieldAndATextHoldingATabIsQuotedAndStillNeutralised() throws IOException {
    source.rows(
        List.of(video().title("\t=cmd").campaignTag("a\tb").statistics(-1, 0, 0, 0).build()));

    byte[] bytes = export(new CsvOptions('\t', false));

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(
            "title\tvideo_url\tplatform\tstatus\tcampaign_tag\tchannel_username\tpublished_at\t"
                + "created_at\tviews\tlikes\tcomments\treposts\r\n"
                + "\"'\t=cmd\"\t\"https://video.test/1\"\t\"tiktok\"\t\"active\"\t\"a\tb\"\t"
                + "\"@creator\"\t2024-05-01\t2024-04-30\t-1\t0\t0\t0\r\n");
  }

  @Test
  void aByteOrderMarkIsWrittenOnlyWhenTheScheduleAsksForIt() throws IOException {
    source.rows(List.of(video().build()));

    byte[] with = export(new CsvOptions(';', true));
    byte[] without = export(new CsvOptions(';', false));

    assertThat(with).startsWith(BOM[0], BOM[1], BOM[2], (byte) 't');
    assertThat(without).startsWith((byte) 't');
    assertThat(with.length).isEqualTo(without.length + 3);
  }

  @Test
  void theDefaultIsCommasWithoutAByteOrderMark() throws IOException {
    source.rows(List.of());

    assertThat(new String(export(CsvOptions.DEFAULT), StandardCharsets.UTF_8))
        .isEqualTo(CsvRowWriter.HEADER + "\r\n");
  }

  @Test
  void theEngineWideByteOrderMarkStillAppliesToEveryReport() throws IOException {
    source.rows(List.of());

    ReportFile file =
        new CsvExporter(source, workDir, true).export(request(new CsvOptions('\t', false)));

    assertThat(Files.readAllBytes(file.path())).startsWith(BOM[0], BOM[1], BOM[2], (byte) 't');
    assertThat(Files.readString(file.path())).contains("title\tvideo_url");
  }

  @Test
  void theFileIsTitledByTheSchedulesNameWhenItHasOneAndKnowsItsZone() {
    source.rows(List.of());
    ZoneId zone = ZoneId.of("Asia/Tokyo");
    ReportDefinition named =
        new ReportDefinition(
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            zone,
            Set.of(),
            "Creators digest",
            false,
            CsvOptions.DEFAULT);
    ReportDefinition unnamed =
        new ReportDefinition(
            UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), zone, Set.of());

    ReportFile a =
        new CsvExporter(source, workDir, false)
            .export(new ReportRequest(named, UUID.randomUUID(), AS_OF));
    ReportFile b =
        new CsvExporter(source, workDir, false)
            .export(new ReportRequest(unnamed, UUID.randomUUID(), AS_OF));

    assertThat(a.title()).isEqualTo("Creators digest");
    assertThat(b.title()).isEqualTo("Test report");
    assertThat(a.zone()).isEqualTo(zone);
  }

  private byte[] export(CsvOptions options) throws IOException {
    ReportFile file = new CsvExporter(source, workDir, false).export(request(options));
    return Files.readAllBytes(file.path());
  }

  private static ReportRequest request(CsvOptions options) {
    return new ReportRequest(
        new ReportDefinition(
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            ZoneId.of("UTC"),
            Set.of(),
            null,
            false,
            options),
        UUID.randomUUID(),
        AS_OF);
  }
}
