package dev.reports.engine.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.engine.report.Column;
import dev.reports.engine.report.ColumnType;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportException;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.testing.FakeReport;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How each column type is written, and which values each refuses. */
class CsvColumnTypesTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @TempDir Path workDir;

  @Test
  void decimalsAreWrittenExactlyAsTheirPlainStringNeverWithAnExponent() throws IOException {
    assertThat(
            cells(
                Column.decimal("d"),
                new BigDecimal("1E+3"),
                new BigDecimal("0.000001"),
                new BigDecimal("1E-7"),
                new BigDecimal("1.50"),
                new BigDecimal("-0.5"),
                new BigDecimal("-1E+2"),
                new BigDecimal(BigInteger.ONE, 40),
                new BigDecimal("123456789012345678901234567890.123456789012345678901234567890"),
                BigDecimal.ZERO.setScale(3),
                42L,
                7,
                new BigInteger("98765432109876543210")))
        .containsExactly(
            "1000",
            "0.000001",
            "0.0000001",
            "1.50",
            "-0.5",
            "-100",
            "0.0000000000000000000000000000000000000001",
            "123456789012345678901234567890.123456789012345678901234567890",
            "0.000",
            "42",
            "7",
            "98765432109876543210");
  }

  @Test
  void integersAreWrittenBareWhateverTheirJavaType() throws IOException {
    assertThat(
            cells(
                Column.integer("i"),
                Long.MIN_VALUE,
                Long.MAX_VALUE,
                -7,
                (short) 12,
                (byte) -3,
                0L,
                new BigInteger("-123456789012345678901234567890")))
        .containsExactly(
            "-9223372036854775808",
            "9223372036854775807",
            "-7",
            "12",
            "-3",
            "0",
            "-123456789012345678901234567890");
  }

  @Test
  void aNegativeNumberIsNeverFormulaGuardedButTheSameTextIs() throws IOException {
    FakeReport report =
        new FakeReport()
            .columns(Column.integer("n"), Column.decimal("d"), Column.text("t"))
            .row(-5L, new BigDecimal("-1.25"), "-5");

    assertThat(dataLine(report, BERLIN)).isEqualTo("-5,-1.25,\"'-5\"");
  }

  @Test
  void booleansAreTrueOrFalse() throws IOException {
    assertThat(cells(Column.bool("b"), true, false, Boolean.TRUE))
        .containsExactly("true", "false", "true");
  }

  @Test
  void aLocalDateIsWrittenAsItIsAndAnInstantAsItsDayInTheSchedulesZone() throws IOException {
    Instant instant = Instant.parse("2026-03-28T23:30:00Z");

    assertThat(cells(ZoneId.of("UTC"), Column.date("d"), LocalDate.of(2026, 3, 28), instant))
        .containsExactly("2026-03-28", "2026-03-28");
    assertThat(cells(BERLIN, Column.date("d"), LocalDate.of(2026, 3, 28), instant))
        .containsExactly("2026-03-28", "2026-03-29");
  }

  @Test
  void timestampsAreWrittenInTheSchedulesZoneWithTheirOffsetAcrossDaylightSavingChanges()
      throws IOException {
    assertThat(
            cells(
                BERLIN,
                Column.timestamp("t"),
                Instant.parse("2026-03-29T00:30:00Z"), // before the spring change
                Instant.parse("2026-03-29T01:30:00Z"), // after it: 02:30 local does not exist
                Instant.parse("2026-10-25T00:30:00Z"), // 02:30, first time (summer time)
                Instant.parse("2026-10-25T01:30:00Z"), // 02:30, second time (winter time)
                OffsetDateTime.of(2026, 7, 1, 12, 0, 0, 0, ZoneOffset.ofHours(-4)),
                ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneId.of("Asia/Tokyo")),
                Instant.parse("2026-07-01T12:00:00.987654Z")))
        .containsExactly(
            "2026-03-29T01:30:00+01:00",
            "2026-03-29T03:30:00+02:00",
            "2026-10-25T02:30:00+02:00",
            "2026-10-25T02:30:00+01:00",
            "2026-07-01T18:00:00+02:00",
            "2025-12-31T16:00:00+01:00",
            "2026-07-01T14:00:00+02:00");
    assertThat(cells(ZoneId.of("UTC"), Column.timestamp("t"), Instant.EPOCH))
        .containsExactly("1970-01-01T00:00:00+00:00");
  }

  @Test
  void textIsQuotedAndFormulaGuardedAndAnEmptyTextDiffersFromNull() throws IOException {
    assertThat(cells(Column.text("t"), "plain", "=1+1", "@handle", "", "a \"quote\""))
        .containsExactly("\"plain\"", "\"'=1+1\"", "\"@handle\"", "\"\"", "\"a \"\"quote\"\"\"");
  }

  @Test
  void nullIsAnEmptyUnquotedFieldInEveryColumnType() throws IOException {
    FakeReport report = new FakeReport();
    Column[] columns = new Column[ColumnType.values().length];
    for (ColumnType type : ColumnType.values()) {
      columns[type.ordinal()] = new Column(type.toString(), type);
    }
    report.columns(columns).row(new Object[columns.length]);

    assertThat(dataLine(report, BERLIN)).isEqualTo(",".repeat(columns.length - 1));
  }

  @Test
  void aValueItsColumnDoesNotTakeFailsTheReportForGoodNamingRowColumnAndTypes() {
    assertMismatch(
        Column.decimal("total"),
        1.5d,
        "column \"total\" (decimal): got a java.lang.Double, expected a BigDecimal, Long,"
            + " Integer, Short, Byte or BigInteger");
    assertMismatch(
        Column.text("name"),
        42,
        "column \"name\" (text): got a java.lang.Integer, expected a String");
    assertMismatch(
        Column.integer("n"),
        BigDecimal.ONE,
        "column \"n\" (integer): got a java.math.BigDecimal, expected a Long, Integer, Short,"
            + " Byte or BigInteger");
    assertMismatch(
        Column.bool("paid"),
        "true",
        "column \"paid\" (boolean): got a java.lang.String, expected a Boolean");
    assertMismatch(
        Column.date("day"),
        LocalDateTime.of(2026, 1, 1, 0, 0),
        "column \"day\" (date): got a java.time.LocalDateTime, expected a LocalDate or an Instant");
    assertMismatch(
        Column.timestamp("at"),
        LocalDate.of(2026, 1, 1),
        "column \"at\" (timestamp): got a java.time.LocalDate, expected an Instant,"
            + " OffsetDateTime or ZonedDateTime");
  }

  private void assertMismatch(Column column, Object wrong, String message) {
    FakeReport report = new FakeReport().columns(Column.text("id"), column);
    report.row("a", null).row("b", wrong);

    assertThatThrownBy(() -> export(report, BERLIN))
        .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessage("row 2, " + message);
  }

  /** Each value as the one cell of its own row, in a one-column report. */
  private String[] cells(Column column, Object... values) throws IOException {
    return cells(BERLIN, column, values);
  }

  private String[] cells(ZoneId zone, Column column, Object... values) throws IOException {
    FakeReport report = new FakeReport().columns(column);
    for (Object value : values) {
      report.row(value);
    }
    String csv = export(report, zone);
    return csv.substring(csv.indexOf("\r\n") + 2).split("\r\n");
  }

  private String dataLine(FakeReport report, ZoneId zone) throws IOException {
    String csv = export(report, zone);
    assertThat(csv).endsWith("\r\n");
    return csv.substring(csv.indexOf("\r\n") + 2, csv.length() - 2);
  }

  private String export(FakeReport report, ZoneId zone) throws IOException {
    ReportFile file =
        new CsvExporter(workDir, false)
            .export(
                new ReportRequest(
                    new ReportDefinition(
                        UUID.randomUUID(), UUID.randomUUID(), report, zone, Set.of()),
                    UUID.randomUUID(),
                    Instant.parse("2026-03-08T09:00:00Z")));
    return Files.readString(file.path(), StandardCharsets.UTF_8);
  }
}
