package dev.reports.service.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.csv.CsvExporter;
import dev.reports.engine.report.Column;
import dev.reports.engine.report.CsvOptions;
import dev.reports.engine.report.Report;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.report.RowSink;
import dev.reports.service.report.PreviousVideoCsvWriter.VideoRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic writer, given the videos report's columns, writes the very bytes the previous
 * video-only writer wrote for the same rows: every delimiter, with and without a byte order mark,
 * in zones on both sides of UTC and across daylight-saving changes, over text built to be hard
 * (quotes, delimiters, line breaks, formula triggers, handles, non-ASCII, lone surrogates, empty
 * and null) and numbers at their limits. The golden files prove the same on a fixed data set, from
 * the database; this proves it on many more rows.
 */
class VideosCsvSameAsPreviousWriterTest {
  private static final String[] PIECES = {
    "",
    "plain",
    "Say \"hi\"",
    "a,b",
    "a;b",
    "a\tb",
    "line\nbreak",
    "cr\rlf\r\n",
    "=1+1",
    "+x",
    "-y",
    "@creator",
    "@SUM(A1)",
    "@",
    " =indented",
    "\u00A0-nbsp",
    "\u3000+ideographic",
    "＝fullwidth",
    "＠handle",
    "@канал",
    "Привет, мир",
    "🎉 emoji",
    "lone \uD800 surrogate",
    "\"",
    "'quoted'",
    "https://video.test/watch?v=1&t=2",
  };

  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("UTC"),
          ZoneId.of("Pacific/Kiritimati"),
          ZoneId.of("America/Los_Angeles"),
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("Asia/Kathmandu"));

  @TempDir Path workDir;

  @Test
  void everyDelimiterZoneAndByteOrderMarkGivesThePreviousWritersBytes() throws IOException {
    List<VideoRow> rows = rows(new Random(20260308), 4_000);

    for (ZoneId zone : ZONES) {
      for (char delimiter : CsvOptions.DELIMITERS.toCharArray()) {
        for (boolean bom : new boolean[] {false, true}) {
          byte[] previous = PreviousVideoCsvWriter.write(rows, zone, delimiter, bom);
          byte[] generic = export(rows, zone, new CsvOptions(delimiter, bom));

          assertThat(generic)
              .as("zone %s, delimiter U+%04X, BOM %s", zone, (int) delimiter, bom)
              .isEqualTo(previous);
        }
      }
    }
  }

  @Test
  void aReportWithoutRowsIsThePreviousHeaderAlone() throws IOException {
    assertThat(export(List.of(), ZoneId.of("UTC"), CsvOptions.DEFAULT))
        .isEqualTo(PreviousVideoCsvWriter.write(List.of(), ZoneId.of("UTC"), ',', false));
  }

  private byte[] export(List<VideoRow> rows, ZoneId zone, CsvOptions csv) throws IOException {
    Report videos =
        new Report() {
          @Override
          public List<Column> columns() {
            return VideosReport.COLUMNS;
          }

          @Override
          public ReportDescription rows(ReportRequest request, RowSink sink) {
            for (VideoRow r : rows) {
              // the values VideosReport hands over for a row: strings, instants, longs
              sink.row(
                  r.title(),
                  r.videoUrl(),
                  r.platform(),
                  r.status(),
                  r.campaignTag(),
                  r.channelUsername(),
                  r.publishedAt(),
                  r.createdAt(),
                  r.views(),
                  r.likes(),
                  r.comments(),
                  r.reposts());
            }
            return new ReportDescription("Videos", "videos");
          }
        };
    ReportFile file =
        new CsvExporter(workDir, false)
            .export(
                new ReportRequest(
                    new ReportDefinition(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        videos,
                        zone,
                        Set.of(),
                        null,
                        false,
                        csv),
                    UUID.randomUUID(),
                    Instant.parse("2026-03-08T09:00:00Z")));
    try {
      return Files.readAllBytes(file.path());
    } finally {
      Files.delete(file.path());
    }
  }

  private static List<VideoRow> rows(Random random, int count) {
    long from = Instant.parse("2023-10-01T00:00:00Z").getEpochSecond();
    long span = 400L * 86_400; // both DST changes of 2024, and some of 2023's
    List<VideoRow> rows = new ArrayList<>();
    Instant published = Instant.ofEpochSecond(from + span);
    for (int i = 0; i < count; i++) {
      // mostly newest first with runs on the same day, as the query orders them; some jumps
      published =
          i % 7 == 0
              ? Instant.ofEpochSecond(from + (long) (random.nextDouble() * span))
              : published.minusSeconds(random.nextInt(4 * 3600));
      rows.add(
          new VideoRow(
              text(random, false),
              text(random, false),
              text(random, false),
              text(random, false),
              text(random, true),
              text(random, true),
              random.nextInt(10) == 0 ? null : published,
              published.plusSeconds(random.nextInt(86_400 * 3) - 86_400),
              number(random),
              number(random),
              number(random),
              number(random)));
    }
    return rows;
  }

  private static String text(Random random, boolean nullable) {
    if (nullable && random.nextInt(5) == 0) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(3) + 1;
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  private static long number(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> 0;
      case 1 -> Long.MAX_VALUE;
      case 2 -> Long.MIN_VALUE;
      case 3 -> -random.nextInt(1000);
      default -> random.nextLong() >>> random.nextInt(64);
    };
  }
}
