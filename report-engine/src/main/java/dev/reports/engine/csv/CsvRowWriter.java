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
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes rows as CONTRACT §5 says: text quoted (RFC 4180 escaping, by commons-csv) after formula
 * neutralisation, numbers and dates bare, null as an empty unquoted field, {@code \r\n} after each
 * record. Line breaks inside a quoted title are data and kept as stored.
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
  private final ZoneId zone;
  private long rows;

  CsvRowWriter(OutputStream target, ZoneId zone, boolean byteOrderMark) throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 16);
    this.zone = zone;
    if (byteOrderMark) {
      out.write('\uFEFF');
    }
    out.write(HEADER);
    out.write(RECORD_SEPARATOR);
  }

  void write(VideoRow row) throws IOException {
    text(row.title(), true);
    text(row.videoUrl(), false);
    text(row.platform(), false);
    text(row.status(), false);
    text(row.campaignTag(), false);
    text(row.channelUsername(), false);
    bare(date(row.publishedAt()));
    bare(date(row.createdAt()));
    bare(Long.toString(row.views()));
    bare(Long.toString(row.likes()));
    bare(Long.toString(row.comments()));
    bare(Long.toString(row.reposts()));
    out.write(RECORD_SEPARATOR);
    rows++;
  }

  long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private void text(String value, boolean first) throws IOException {
    // a null prints as nothing, unquoted: commons-csv quotes only non-null values
    TEXT.print(FormulaGuard.neutralise(value), out, first);
  }

  /** Dates and numbers: they hold no delimiter, quote or line break, so they need no escaping. */
  private void bare(String value) throws IOException {
    out.write(',');
    if (value != null) {
      out.write(value);
    }
  }

  private String date(Instant instant) {
    return instant == null ? null : LocalDate.ofInstant(instant, zone).toString();
  }
}
