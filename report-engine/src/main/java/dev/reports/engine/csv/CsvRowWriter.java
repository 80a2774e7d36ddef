package dev.reports.engine.csv;

import dev.reports.engine.report.CsvOptions;
import dev.reports.engine.report.VideoRow;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes rows as docs/reports.md says: text quoted (RFC 4180 escaping, by commons-csv) after
 * formula neutralisation, numbers and dates bare, null as an empty unquoted field, {@code \r\n}
 * after each record. Line breaks inside a quoted title are data and kept as stored. The delimiter
 * is the schedule's ({@code ,}, {@code ;} or tab): every text field is quoted, so one that contains
 * the delimiter stays one field; dates and numbers never contain one.
 *
 * <p>Each record is built in one reused buffer and written at once: the writer runs once per row of
 * reports with millions of rows, so it allocates next to nothing per row.
 */
final class CsvRowWriter implements Closeable {
  static final String HEADER =
      "title,video_url,platform,status,campaign_tag,channel_username,published_at,created_at,"
          + "views,likes,comments,reposts";
  static final String RECORD_SEPARATOR = "\r\n";

  private static final CSVFormat RFC4180 =
      CSVFormat.RFC4180
          .builder()
          .setQuoteMode(QuoteMode.ALL)
          .setRecordSeparator(RECORD_SEPARATOR)
          .get();

  private static final int BUFFER = 1 << 16;

  private final Utf8Output out;
  private final CSVFormat text;
  private final char delimiter;
  private final Days published;
  private final Days created;
  private long rows;

  CsvRowWriter(OutputStream target, ZoneId zone, CsvOptions options) throws IOException {
    this.out = new Utf8Output(target, BUFFER);
    this.published = new Days(zone);
    this.created = new Days(zone);
    this.delimiter = options.delimiter();
    this.text = delimiter == ',' ? RFC4180 : RFC4180.builder().setDelimiter(delimiter).get();
    if (options.byteOrderMark()) {
      out.append('\uFEFF');
    }
    out.append(HEADER.replace(',', delimiter)).append(RECORD_SEPARATOR);
  }

  void write(VideoRow row) throws IOException {
    text(row.title(), true);
    text(row.videoUrl(), false);
    text(row.platform(), false);
    text(row.status(), false);
    text(row.campaignTag(), false);
    text(row.channelUsername(), false);
    // dates and numbers hold no delimiter, quote or line break: they need no escaping
    out.append(delimiter).bytes(published.of(row.publishedAt()));
    out.append(delimiter).bytes(created.of(row.createdAt()));
    out.append(delimiter).append(row.views());
    out.append(delimiter).append(row.likes());
    out.append(delimiter).append(row.comments());
    out.append(delimiter).append(row.reposts());
    out.append(RECORD_SEPARATOR);
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
    text.print(FormulaGuard.neutralise(value), out, first);
  }

  /**
   * {@code YYYY-MM-DD} of instants in a zone, remembering the last day: rows come newest first, so
   * most share their neighbour's day.
   */
  private static final class Days {
    private static final long SECONDS_PER_DAY = 86_400;

    private final ZoneRules rules;
    private static final byte[] NONE = new byte[0];

    private long day = Long.MIN_VALUE;
    private byte[] text;

    Days(ZoneId zone) {
      this.rules = zone.getRules();
    }

    /** The day as ASCII bytes, or none for null. */
    byte[] of(Instant instant) {
      if (instant == null) {
        return NONE;
      }
      // what LocalDate.ofInstant does, without building the LocalDate when the day is the last one
      long local = instant.getEpochSecond() + rules.getOffset(instant).getTotalSeconds();
      long epochDay = Math.floorDiv(local, SECONDS_PER_DAY);
      if (epochDay != day) {
        day = epochDay;
        text = LocalDate.ofEpochDay(epochDay).toString().getBytes(StandardCharsets.US_ASCII);
      }
      return text;
    }
  }
}
