package dev.reports.service.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * The videos CSV as the engine wrote it before reports were generic (the engine's {@code
 * CsvRowWriter} over its {@code VideoRow}, and its formula guard, as of that change), frozen here
 * so a test can hold the generic writer to the same bytes. Not to be edited: it is the reference.
 */
final class PreviousVideoCsvWriter {
  /** One row of the previous report, in CSV column order. */
  record VideoRow(
      String title,
      String videoUrl,
      String platform,
      String status,
      String campaignTag,
      String channelUsername,
      Instant publishedAt,
      Instant createdAt,
      long views,
      long likes,
      long comments,
      long reposts) {}

  static final String HEADER =
      "title,video_url,platform,status,campaign_tag,channel_username,published_at,created_at,"
          + "views,likes,comments,reposts";

  private static final CSVFormat RFC4180 =
      CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).setRecordSeparator("\r\n").get();

  private PreviousVideoCsvWriter() {}

  static byte[] write(List<VideoRow> rows, ZoneId zone, char delimiter, boolean byteOrderMark)
      throws IOException {
    CSVFormat text = delimiter == ',' ? RFC4180 : RFC4180.builder().setDelimiter(delimiter).get();
    StringBuilder out = new StringBuilder();
    if (byteOrderMark) {
      out.append('\uFEFF');
    }
    out.append(HEADER.replace(',', delimiter)).append("\r\n");
    for (VideoRow row : rows) {
      text.print(neutralise(row.title()), out, true);
      text.print(neutralise(row.videoUrl()), out, false);
      text.print(neutralise(row.platform()), out, false);
      text.print(neutralise(row.status()), out, false);
      text.print(neutralise(row.campaignTag()), out, false);
      text.print(neutralise(row.channelUsername()), out, false);
      out.append(delimiter).append(day(row.publishedAt(), zone));
      out.append(delimiter).append(day(row.createdAt(), zone));
      out.append(delimiter).append(row.views());
      out.append(delimiter).append(row.likes());
      out.append(delimiter).append(row.comments());
      out.append(delimiter).append(row.reposts());
      out.append("\r\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String day(Instant instant, ZoneId zone) {
    return instant == null ? "" : LocalDate.ofInstant(instant, zone).toString();
  }

  private static String neutralise(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    int i = 0;
    while (i < text.length() && isLeadingSpace(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    return switch (text.charAt(i)) {
      case '=', '+', '-', '\t', '\r', '\n', '＝', '＋', '－', '＠' -> "'" + text;
      case '@' -> i == 0 && isHandle(text) ? text : "'" + text;
      default -> text;
    };
  }

  private static boolean isLeadingSpace(char c) {
    return c == ' ' || c == '\u00A0' || c == '\u3000';
  }

  private static boolean isHandle(String text) {
    if (text.length() < 2) {
      return false;
    }
    for (int i = 1; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (!Character.isLetterOrDigit(c) && c != '.' && c != '_') {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }
}
