package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.report.ReportFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The file a channel actually sends: the CSV itself when it fits the channel's limit, else its
 * gzip-compressed copy ({@code .csv.gz}), made once per report file and shared by every channel.
 */
record Attachment(Path path, String fileName, String contentType, long bytes, boolean compressed) {
  static final String CSV = "text/csv";
  static final String GZIP = "application/gzip";

  private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

  /**
   * The attachment that fits {@code limit} bytes, or a permanent failure saying why none does.
   *
   * @param provider the provider's name, for the failure message
   */
  static Attachment fit(ReportFile file, long limit, String provider) {
    Path csv = file.path();
    long size;
    try {
      size = Files.size(csv);
    } catch (IOException e) {
      throw new DeliveryException(
          "file_missing", "the report file " + file.fileName() + " cannot be read", true, null);
    }
    if (size == 0) {
      throw new DeliveryException(
          "file_empty", "the report file " + file.fileName() + " is empty", true, null);
    }
    if (size <= limit) {
      return new Attachment(csv, file.fileName(), CSV, size, false);
    }
    Path gz = gzipped(file);
    long gzSize;
    try {
      gzSize = Files.size(gz);
    } catch (IOException e) {
      throw new DeliveryException("io_error", "cannot read the compressed report", false, null);
    }
    if (gzSize <= limit) {
      return new Attachment(gz, file.fileName() + ".gz", GZIP, gzSize, true);
    }
    throw new DeliveryException(
        "file_too_large",
        "the report is "
            + size
            + " bytes ("
            + gzSize
            + " gzip-compressed), over "
            + provider
            + "'s limit of "
            + limit
            + " bytes",
        true,
        null);
  }

  /** What the delivery log keeps about the file sent. */
  Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("sent_file_name", fileName);
    details.put("sent_bytes", bytes);
    details.put("compressed", compressed);
    return details;
  }

  /** Deletes the compressed copy of this report, if one was made. */
  static void discard(ReportFile file) {
    Path gz = gzPath(file);
    synchronized (lock(gz)) {
      try {
        Files.deleteIfExists(gz);
      } catch (IOException ignored) {
        // the work folder is temporary; a leftover copy does no harm
      } finally {
        LOCKS.remove(gz);
      }
    }
  }

  private static Path gzipped(ReportFile file) {
    Path gz = gzPath(file);
    synchronized (lock(gz)) {
      if (Files.isRegularFile(gz)) {
        return gz;
      }
      Path tmp = gz.resolveSibling(gz.getFileName() + ".tmp");
      try (InputStream in = Files.newInputStream(file.path());
          OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
        in.transferTo(out);
      } catch (IOException e) {
        throw new DeliveryException(
            "io_error", "cannot compress the report: " + e.getMessage(), false, null);
      }
      try {
        Files.move(tmp, gz, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new DeliveryException(
            "io_error", "cannot compress the report: " + e.getMessage(), false, null);
      }
      return gz;
    }
  }

  // Named after the content, so a stale copy of another report with the same path is never sent.
  private static Path gzPath(ReportFile file) {
    String sha = file.sha256() == null ? "" : file.sha256().replaceAll("[^0-9a-fA-F]", "");
    String tag = sha.isEmpty() ? "" : "." + sha.substring(0, Math.min(16, sha.length()));
    return file.path().resolveSibling(file.path().getFileName() + tag + ".gz");
  }

  private static Object lock(Path gz) {
    return LOCKS.computeIfAbsent(gz, p -> new Object());
  }
}
