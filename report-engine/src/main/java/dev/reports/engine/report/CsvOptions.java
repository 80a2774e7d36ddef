package dev.reports.engine.report;

/**
 * How a schedule's CSV is written: the field delimiter and whether the file starts with a UTF-8
 * byte order mark. Spreadsheets in much of Europe expect {@code ;}, and Excel reads UTF-8 only
 * after a byte order mark.
 *
 * @param delimiter {@code ,} (the default), {@code ;} or a tab
 * @param byteOrderMark whether the file starts with the UTF-8 byte order mark {@code EF BB BF}
 */
public record CsvOptions(char delimiter, boolean byteOrderMark) {
  /** Comma-separated, no byte order mark. */
  public static final CsvOptions DEFAULT = new CsvOptions(',', false);

  /** The delimiters a report may use. */
  public static final String DELIMITERS = ",;\t";

  public CsvOptions {
    if (DELIMITERS.indexOf(delimiter) < 0) {
      throw new IllegalArgumentException(
          "the CSV delimiter must be a comma, a semicolon or a tab, not U+"
              + String.format("%04X", (int) delimiter));
    }
  }
}
