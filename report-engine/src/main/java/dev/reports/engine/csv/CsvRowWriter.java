package dev.reports.engine.csv;

import dev.reports.engine.report.Column;
import dev.reports.engine.report.ColumnType;
import dev.reports.engine.report.CsvOptions;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes rows as docs/reports.md says, by each column's {@link ColumnType}: text quoted (RFC 4180
 * escaping, by commons-csv) after formula neutralisation; integers, decimals and booleans bare;
 * dates and timestamps bare in the schedule's zone; null as an empty unquoted field; {@code \r\n}
 * after each record. Line breaks inside quoted text are data and kept as given. The delimiter is
 * the schedule's ({@code ,}, {@code ;} or tab): every text field is quoted, so one that contains
 * the delimiter stays one field; the bare types never contain one.
 *
 * <p>Each record is built in one reused buffer and written at once: the writer runs once per row of
 * reports with millions of rows, so it allocates next to nothing per row. Values were checked
 * against their columns' types before they reached it ({@link RowPipe}).
 */
final class CsvRowWriter implements Closeable {
  static final String RECORD_SEPARATOR = "\r\n";

  private static final CSVFormat RFC4180 =
      CSVFormat.RFC4180
          .builder()
          .setQuoteMode(QuoteMode.ALL)
          .setRecordSeparator(RECORD_SEPARATOR)
          .get();

  private static final int BUFFER = 1 << 16;
  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

  private final Utf8Output out;
  private final CSVFormat text;
  private final char delimiter;
  private final ColumnType[] types;
  private final Days[] days;
  private final ZoneId zone;
  private long rows;

  CsvRowWriter(OutputStream target, ZoneId zone, CsvOptions options, List<Column> columns)
      throws IOException {
    this.out = new Utf8Output(target, BUFFER);
    this.zone = zone;
    this.delimiter = options.delimiter();
    this.text = delimiter == ',' ? RFC4180 : RFC4180.builder().setDelimiter(delimiter).get();
    this.types = new ColumnType[columns.size()];
    this.days = new Days[columns.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = columns.get(i).type();
      if (types[i] == ColumnType.DATE) {
        days[i] = new Days(zone); // one each: every date column has its own run of equal days
      }
    }
    if (options.byteOrderMark()) {
      out.append('\uFEFF');
    }
    out.append(header(columns, delimiter)).append(RECORD_SEPARATOR);
  }

  /**
   * The header: the column names as declared, joined by the delimiter; a name holding the
   * delimiter, a quote or a line break is quoted (RFC 4180), so the header keeps one cell a column.
   */
  static String header(List<Column> columns, char delimiter) {
    StringBuilder header = new StringBuilder();
    for (Column column : columns) {
      if (header.length() > 0) {
        header.append(delimiter);
      }
      String name = column.name();
      if (name.indexOf(delimiter) >= 0
          || name.indexOf('"') >= 0
          || name.indexOf('\r') >= 0
          || name.indexOf('\n') >= 0) {
        header.append('"').append(name.replace("\"", "\"\"")).append('"');
      } else {
        header.append(name);
      }
    }
    return header.toString();
  }

  /** Writes the record of {@code types.length} values starting at {@code values[from]}. */
  void write(Object[] values, int from) throws IOException {
    for (int i = 0; i < types.length; i++) {
      if (i > 0) {
        out.append(delimiter);
      }
      Object value = values[from + i];
      if (value == null) {
        continue; // an empty, unquoted field; an empty text is "" and stays distinguishable
      }
      switch (types[i]) {
        case TEXT -> text.print(FormulaGuard.neutralise((String) value), out, true);
        case INTEGER -> wholeNumber(value);
        case DECIMAL -> {
          if (value instanceof BigDecimal decimal) {
            out.bytes(ascii(decimal.toPlainString()));
          } else {
            wholeNumber(value);
          }
        }
        case BOOLEAN -> out.bytes((Boolean) value ? TRUE : FALSE);
        case DATE -> {
          if (value instanceof Instant instant) {
            out.bytes(days[i].of(instant));
          } else {
            out.bytes(ascii(value.toString())); // LocalDate: ISO YYYY-MM-DD
          }
        }
        case TIMESTAMP -> out.bytes(ascii(TIMESTAMP.format(instant(value).atZone(zone))));
      }
    }
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

  private void wholeNumber(Object value) throws IOException {
    if (value instanceof BigInteger big) {
      out.bytes(ascii(big.toString()));
    } else {
      out.append(((Number) value).longValue()); // Long, Integer, Short or Byte: exact
    }
  }

  private static Instant instant(Object value) {
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    return (Instant) value;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * {@code YYYY-MM-DD} of instants in a zone, remembering the last day: rows usually come in time
   * order, so most share their neighbour's day.
   */
  private static final class Days {
    private static final long SECONDS_PER_DAY = 86_400;

    private final ZoneRules rules;

    private long day = Long.MIN_VALUE;
    private byte[] text;

    Days(ZoneId zone) {
      this.rules = zone.getRules();
    }

    /** The day as ASCII bytes. */
    byte[] of(Instant instant) {
      // what LocalDate.ofInstant does, without building the LocalDate when the day is the last one
      long local = instant.getEpochSecond() + rules.getOffset(instant).getTotalSeconds();
      long epochDay = Math.floorDiv(local, SECONDS_PER_DAY);
      if (epochDay != day) {
        day = epochDay;
        text = ascii(LocalDate.ofEpochDay(epochDay).toString());
      }
      return text;
    }
  }
}
