package dev.reports.engine.csv;

import dev.reports.engine.report.VideoRow;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes rows as CONTRACT §5 says: text quoted (RFC 4180 escaping, by commons-csv) after formula
 * neutralisation, numbers and dates bare, null as an empty unquoted field, {@code \r\n} after each
 * record. Line breaks inside a quoted title are data and kept as stored.
 *
 * <p>Each record is built in one reused buffer and written at once: the writer runs once per row of
 * reports with millions of rows, so it allocates next to nothing per row.
 */
final class CsvRowWriter implements Closeable {
  static final String HEADER =
      "title,video_url,platform,status,campaign_tag,channel_username,published_at,created_at,"
          + "views,likes,comments,reposts";
  static final String RECORD_SEPARATOR = "\r\n";

  private static final CSVFormat TEXT =
      CSVFormat.RFC4180
          .builder()
          .setQuoteMode(QuoteMode.ALL)
          .setRecordSeparator(RECORD_SEPARATOR)
          .get();

  private final Writer out;
  private final StringBuilder record = new StringBuilder(1024);
  private char[] chars = new char[1024];
  private final Days published;
  private final Days created;
  private long rows;

  CsvRowWriter(OutputStream target, ZoneId zone, boolean byteOrderMark) throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 16);
    this.published = new Days(zone);
    this.created = new Days(zone);
    if (byteOrderMark) {
      out.write('\uFEFF');
    }
    out.write(HEADER);
    out.write(RECORD_SEPARATOR);
  }

  void write(VideoRow row) throws IOException {
    StringBuilder r = record;
    r.setLength(0);
    text(r, row.title(), true);
    text(r, row.videoUrl(), false);
    text(r, row.platform(), false);
    text(r, row.status(), false);
    text(r, row.campaignTag(), false);
    text(r, row.channelUsername(), false);
    // dates and numbers hold no delimiter, quote or line break: they need no escaping
    r.append(',').append(published.of(row.publishedAt()));
    r.append(',').append(created.of(row.createdAt()));
    r.append(',').append(row.views());
    r.append(',').append(row.likes());
    r.append(',').append(row.comments());
    r.append(',').append(row.reposts());
    r.append(RECORD_SEPARATOR);
    int length = r.length();
    if (chars.length < length) {
      chars = new char[Math.max(length, chars.length * 2)];
    }
    r.getChars(0, length, chars, 0);
    out.write(chars, 0, length);
    rows++;
  }

  long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private static void text(StringBuilder record, String value, boolean first) throws IOException {
    // a null prints as nothing, unquoted: commons-csv quotes only non-null values
    TEXT.print(FormulaGuard.neutralise(value), record, first);
  }

  /**
   * {@code YYYY-MM-DD} of instants in a zone, remembering the last day: rows come newest first, so
   * most share their neighbour's day.
   */
  private static final class Days {
    private final ZoneId zone;
    private long start = Long.MAX_VALUE;
    private long end = Long.MIN_VALUE;
    private String text;

    Days(ZoneId zone) {
      this.zone = zone;
    }

    /** The day, or an empty string for null. */
    String of(Instant instant) {
      if (instant == null) {
        return "";
      }
      long second = instant.getEpochSecond();
      if (second < start || second >= end) {
        java.time.LocalDate day = java.time.LocalDate.ofInstant(instant, zone);
        start = day.atStartOfDay(zone).toEpochSecond();
        end = day.plusDays(1).atStartOfDay(zone).toEpochSecond();
        text = day.toString();
      }
      return text;
    }
  }
}
