package dev.reports.engine.delivery;

import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportPeriod;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a report's message says about it, the same in every channel: its title (the schedule's name,
 * or the report's), how many rows, the period the rows were selected from, in which time zone, and
 * a link to what is reported. Email sends it as template variables ({@link #dataVariables}),
 * Telegram as the document's caption ({@link #caption}).
 *
 * @param file the report
 * @param url the link to what is reported, or {@code null}
 */
public record ReportMessage(ReportFile file, String url) {
  /** Telegram's caption limit, in UTF-16 code units as Telegram counts them. */
  public static final int MAX_CAPTION = 1024;

  private static final String ELLIPSIS = "…";

  /** The message of {@code file}, linked to its description's URL. */
  public static ReportMessage of(ReportFile file) {
    return new ReportMessage(file, blankToNull(file.description().url()));
  }

  /**
   * The message of {@code file}, linked to its description's URL or, when it has none, to {@code
   * urlTemplate} with {@code {slug}} replaced (no link when both are missing).
   */
  public static ReportMessage of(ReportFile file, String urlTemplate) {
    ReportMessage message = of(file);
    if (message.url() != null || urlTemplate == null || urlTemplate.isBlank()) {
      return message;
    }
    return new ReportMessage(file, link(urlTemplate, file.description().slug()));
  }

  /**
   * {@code template} with every {@code {slug}} replaced by {@code slug}, percent-encoded as a URL
   * path segment (letters, digits and {@code -._~} are kept).
   */
  public static String link(String template, String slug) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : (slug == null ? "" : slug).getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~".indexOf(c) >= 0) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(String.format("%02X", c));
      }
    }
    return template.replace("{slug}", encoded);
  }

  /** The schedule's name, or the report's when the schedule has none. */
  public String title() {
    return file.title() == null ? file.description().name() : file.title();
  }

  /** The dates the rows were selected from. */
  public ReportPeriod period() {
    return file.description().period();
  }

  /** {@code 1 row}, {@code 25 rows}. */
  public String rowsText() {
    return file.rows() + (file.rows() == 1 ? " row" : " rows");
  }

  /** The time zone's id, or empty when the file does not know it. */
  public String zoneId() {
    ZoneId zone = file.zone();
    return zone == null ? "" : zone.getId();
  }

  /**
   * The Loops data variables; every key is always present (empty text for what is not known), so a
   * template may use any of them. See docs/delivery.md for what each holds.
   */
  public Map<String, Object> dataVariables() {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("reportName", title());
    variables.put("sharedLinkName", nonNull(file.description().name()));
    variables.put("sharedLink", nonNull(file.description().slug()));
    variables.put("sharedLinkUrl", nonNull(url));
    variables.put("runDate", file.runDate().toString());
    variables.put("rowCount", file.rows());
    variables.put("period", period().text());
    variables.put("periodFrom", period().from() == null ? "" : period().from().toString());
    variables.put("periodTo", period().to() == null ? "" : period().to().toString());
    variables.put("timezone", zoneId());
    return variables;
  }

  /**
   * The Telegram caption, at most {@link #MAX_CAPTION} UTF-16 code units: the title on the first
   * line; rows, period (all time: with the run's date) and zone (and {@code note}, when given) on
   * the second; the link on the third, e.g. {@code "Creators digest\n7 rows · 2026-03-02 –
   * 2026-03-08 · Europe/Berlin\nhttps://app.example.com/s/creators"}. A title too long for the rest
   * is cut and ends with {@code …}; the link is never cut (one that could not fit whole is left
   * out).
   */
  public String caption(String note) {
    StringBuilder details = new StringBuilder(rowsText()).append(" · ").append(period().text());
    if (period().isAllTime()) {
      details.append(", as of ").append(file.runDate());
    }
    if (!zoneId().isEmpty()) {
      details.append(" · ").append(zoneId());
    }
    if (note != null && !note.isEmpty()) {
      details.append(" · ").append(note);
    }
    String rest = "\n" + details + (url == null ? "" : "\n" + url);
    if (rest.length() > MAX_CAPTION - 2) {
      rest = "\n" + details;
    }
    return fit(nonNull(title()), MAX_CAPTION - rest.length()) + rest;
  }

  /** {@code text} in at most {@code room} UTF-16 code units, cut with … when longer. */
  static String fit(String text, int room) {
    if (text.length() <= room) {
      return text;
    }
    if (room <= 0) {
      return "";
    }
    int end = room - ELLIPSIS.length();
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    return text.substring(0, Math.max(end, 0)) + ELLIPSIS;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
