package dev.reports.engine.report;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * The type of a report column: which Java values its rows may hold and how the CSV writes them
 * (docs/reports.md). A {@code null} is allowed in every column and written as an empty field.
 */
public enum ColumnType {
  /** A {@link String}, double-quoted (RFC 4180) after the formula guard. */
  TEXT("a String"),
  /**
   * A {@link Long}, {@link Integer}, {@link Short}, {@link Byte} or {@link BigInteger}, written
   * bare in decimal digits, never altered.
   */
  INTEGER("a Long, Integer, Short, Byte or BigInteger"),
  /**
   * A {@link BigDecimal} (or a whole number as {@link #INTEGER} takes), written bare and exact: its
   * {@link BigDecimal#toPlainString()}, never an exponent, its scale kept ({@code 1.50} stays
   * {@code 1.50}). A {@code double} is refused: it is not exact.
   */
  DECIMAL("a BigDecimal, Long, Integer, Short, Byte or BigInteger"),
  /** A {@link Boolean}, written {@code true} or {@code false}. */
  BOOLEAN("a Boolean"),
  /**
   * A {@link LocalDate}, written {@code YYYY-MM-DD} as it is; or an {@link Instant}, written as its
   * day in the schedule's time zone.
   */
  DATE("a LocalDate or an Instant"),
  /**
   * An {@link Instant}, {@link OffsetDateTime} or {@link ZonedDateTime}, written in the schedule's
   * time zone to the second with its offset: {@code 2026-03-29T03:30:00+02:00}.
   */
  TIMESTAMP("an Instant, OffsetDateTime or ZonedDateTime");

  private final String accepted;

  ColumnType(String accepted) {
    this.accepted = accepted;
  }

  /** Whether a column of this type may hold {@code value}; {@code null} always may. */
  public boolean accepts(Object value) {
    if (value == null) {
      return true;
    }
    return switch (this) {
      case TEXT -> value instanceof String;
      case INTEGER -> isWholeNumber(value);
      case DECIMAL -> value instanceof BigDecimal || isWholeNumber(value);
      case BOOLEAN -> value instanceof Boolean;
      case DATE -> value instanceof LocalDate || value instanceof Instant;
      case TIMESTAMP ->
          value instanceof Instant
              || value instanceof OffsetDateTime
              || value instanceof ZonedDateTime;
    };
  }

  /**
   * The Java types a column of this type takes, for error messages: "a LocalDate or an Instant".
   */
  public String accepted() {
    return accepted;
  }

  /** The type's name as docs and messages write it: {@code decimal}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static boolean isWholeNumber(Object value) {
    return value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger;
  }
}
