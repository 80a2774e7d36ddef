package dev.reports.engine.csv;

import static dev.reports.engine.testing.VideoRowBuilder.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportException;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.report.ReportSource;
import dev.reports.engine.report.VideoRow;
import dev.reports.engine.testing.FakeReportSource;
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
  private static final String HEADER =
      "title,video_url,platform,status,campaign_tag,channel_username,published_at,created_at,"
          + "views,likes,comments,reposts\r\n";

  @TempDir Path workDir;

  private final FakeReportSource source = new FakeReportSource();

  @Test
  void writesQuotedTextBareNumbersAndDatesAndEmptyNulls() throws IOException {
    source.rows(
        List.of(
            video()
                .title("Say \"hi\", all\nof you 🎉")
                .campaignTag(null)
                .channelUsername(null)
                .publishedAt(null)
                .createdAt(Instant.parse("2024-01-02T03:04:05Z"))
                .statistics(-5, Long.MAX_VALUE, 0, Long.MIN_VALUE)
                .build(),
            video().title("").campaignTag("").build()));

    ReportFile file = export(UTC, Instant.parse("2024-05-02T00:00:00Z"));

    assertThat(content(file))
        .isEqualTo(
            HEADER
                + "\"Say \"\"hi\"\", all\nof you 🎉\",\"https://video.test/1\",\"tiktok\","
                + "\"active\",,,,2024-01-02,-5,9223372036854775807,0,-9223372036854775808\r\n"
                + "\"\",\"https://video.test/1\",\"tiktok\",\"active\",\"\",\"@creator\","
                + "2024-05-01,2024-04-30,100,10,1,0\r\n");
    assertThat(file.rows()).isEqualTo(2);
  }

  @Test
  void neutralisesFormulasInTextCellsOnly() throws IOException {
    source.rows(
        List.of(
            video()
                .title("=1+1")
                .videoUrl("+x")
                .platform("-y")
                .status("@SUM(A1)")
                .campaignTag("\tz")
                .channelUsername("@handle.ok_1")
                .statistics(-1, -2, -3, -4)
                .build()));

    ReportFile file = export(UTC, Instant.parse("2024-05-02T00:00:00Z"));

    assertThat(content(file))
        .endsWith(
            "\"'=1+1\",\"'+x\",\"'-y\",\"'@SUM(A1)\",\"'\tz\",\"@handle.ok_1\","
                + "2024-05-01,2024-04-30,-1,-2,-3,-4\r\n");
  }

  @Test
  void datesAreDaysInTheSchedulesZone() throws IOException {
    Instant lateEveningInUtc = Instant.parse("2024-03-09T20:00:00Z");
    source.rows(List.of(video().publishedAt(lateEveningInUtc).createdAt(lateEveningInUtc).build()));

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
    List<VideoRow> rows = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      Instant published = Instant.ofEpochSecond(from + (long) (random.nextDouble() * span));
      // runs of neighbours on the same day, as the report's order makes them, and jumps
      Instant created =
          i % 3 == 0
              ? published.plusSeconds(random.nextInt(7200) - 3600)
              : Instant.ofEpochSecond(from + (long) (random.nextDouble() * span));
      rows.add(video().publishedAt(published).createdAt(created).build());
    }
    source.rows(rows);

    for (ZoneId zone :
        List.of(
            ZoneId.of("America/Los_Angeles"),
            ZoneId.of("Pacific/Kiritimati"),
            ZoneId.of("Asia/Kolkata"),
            ZoneId.of("America/Santiago"))) {
      List<String> lines = content(export(zone, NOW)).lines().skip(1).toList();
      for (int i = 0; i < rows.size(); i++) {
        String[] cells = lines.get(i).split(",");
        assertThat(cells[6] + "," + cells[7])
            .as("row %d in %s", i, zone)
            .isEqualTo(
                LocalDate.ofInstant(rows.get(i).publishedAt(), zone)
                    + ","
                    + LocalDate.ofInstant(rows.get(i).createdAt(), zone));
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
  void sizeAndSha256DescribeTheBytesOnDisk() throws Exception {
    source.rows(List.of(video().title("Привет, мир").build(), video().build()));

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
        new CsvExporter(source, workDir, true)
            .export(request(UTC, Instant.parse("2024-05-02T00:00:00Z")));

    assertThat(Files.readAllBytes(plain.path()))
        .startsWith("title,".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readAllBytes(withMark.path()))
        .startsWith(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 't'});
    assertThat(withMark.bytes()).isEqualTo(plain.bytes() + 3);
  }

  @Test
  void fileNameUsesTheReducedSlugAndTheDescriptionIsTheSources() {
    ReportDescription description = new ReportDescription("Weekly: TikTok", "Weekly TikTok!");
    source.description(description);

    ReportFile file = export(UTC, Instant.parse("2024-05-02T10:00:00Z"));

    assertThat(file.fileName()).isEqualTo("weekly-tiktok-2024-05-02.csv");
    assertThat(file.description()).isEqualTo(description);
    assertThat(file.path().getParent()).isEqualTo(workDir);
  }

  @Test
  void aFailingSourceLeavesNoFileAndItsErrorIsKept() throws IOException {
    ReportException failure = new ReportException("unknown filter key \"x\"", true);
    ReportSource failing =
        (request, rows) -> {
          rows.accept(video().build());
          throw failure;
        };

    assertThatThrownBy(() -> new CsvExporter(failing, workDir, false).export(request(UTC, NOW)))
        .isSameAs(failure);
    assertThat(filesIn(workDir)).isEmpty();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().startsWith("csv-writer-"));
  }

  @Test
  void aWorkFolderThatCannotBeCreatedIsARetryableReportError() throws IOException {
    Path notADirectory = Files.createFile(workDir.resolve("occupied"));

    assertThatThrownBy(
            () -> new CsvExporter(source, notADirectory, false).export(request(UTC, NOW)))
        .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.permanent()).isFalse());
  }

  @Test
  void aFullDiskIsARetryableReportErrorEvenWhenTheSourceWrapsItAndLeavesNoFile()
      throws IOException {
    source.rows(Stream.generate(() -> video().build()).limit(5_000).toList());
    ReportSource wrapping =
        (request, rows) -> {
          try {
            return source.stream(request, rows);
          } catch (RuntimeException e) {
            throw new IllegalStateException("the source's own wrapper", e);
          }
        };
    CsvExporter exporter =
        new CsvExporter(wrapping, workDir, false, file -> new DiskFullAfter(100_000, file));

    assertThatThrownBy(() -> exporter.export(request(UTC, NOW)))
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
    return new CsvExporter(source, workDir, false).export(request(zone, asOf));
  }

  private static ReportRequest request(ZoneId zone, Instant asOf) {
    return new ReportRequest(
        new ReportDefinition(
            UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), zone, Set.of()),
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
