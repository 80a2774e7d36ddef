package dev.reports.engine.testing;

import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Random;

/** Builds real CSV report files on disk, with their true size and SHA-256, for delivery tests. */
public final class TestReportFiles {
  public static final String HEADER =
      "title,video_url,platform,status,campaign_tag,channel_username,published_at,created_at,"
          + "views,likes,comments,reposts\n";

  private TestReportFiles() {}

  /** A report of {@code rows} rows named "Weekly TikTok" for 2026-03-08. */
  public static ReportFile csv(Path dir, int rows) {
    return csv(dir, "Weekly TikTok", "weekly-tiktok", LocalDate.of(2026, 3, 8), rows);
  }

  public static ReportFile csv(Path dir, String name, String slug, LocalDate date, int rows) {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < rows; i++) {
      csv.append('"')
          .append("Video ")
          .append(i)
          .append(" — «ünïcode»\",\"https://example.com/v/")
          .append(i)
          .append("\",\"tiktok\",\"active\",\"Campaign A\",\"@creator\",\"2026-03-0")
          .append(1 + i % 7)
          .append("\",\"2026-02-01\",")
          .append(1000 + i)
          .append(",")
          .append(i)
          .append(",3,1\n");
    }
    return write(dir, name, slug, date, csv.toString().getBytes(StandardCharsets.UTF_8), rows);
  }

  /**
   * A report whose content barely compresses (random hex in each row), for size-limit tests: about
   * {@code approximateBytes} large.
   */
  public static ReportFile incompressible(Path dir, int approximateBytes) {
    Random random = new Random(42);
    StringBuilder csv = new StringBuilder(HEADER);
    int rows = 0;
    byte[] noise = new byte[48];
    while (csv.length() < approximateBytes) {
      random.nextBytes(noise);
      csv.append('"').append(HexFormat.of().formatHex(noise)).append("\",,,,,,,,0,0,0,0\n");
      rows++;
    }
    return write(
        dir,
        "Noise",
        "noise",
        LocalDate.of(2026, 3, 8),
        csv.toString().getBytes(StandardCharsets.UTF_8),
        rows);
  }

  public static ReportFile write(
      Path dir, String name, String slug, LocalDate date, byte[] content, long rows) {
    try {
      Files.createDirectories(dir);
      String fileName = slug + "-" + date + ".csv";
      Path path = Files.createTempFile(dir, slug + "-", ".csv");
      Files.write(path, content);
      return new ReportFile(
          path,
          fileName,
          new ReportDescription(name, slug),
          date,
          rows,
          content.length,
          sha256(content));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
