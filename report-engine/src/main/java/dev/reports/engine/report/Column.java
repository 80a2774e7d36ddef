package dev.reports.engine.report;

import java.util.Objects;

/**
 * One column of a report: its name (the CSV header's cell) and its type (which values it holds and
 * how they are written).
 *
 * @param name the header's cell, as written; not blank
 * @param type what the column holds
 */
public record Column(String name, ColumnType type) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a column name must not be blank");
    }
  }

  /** A {@link ColumnType#TEXT} column. */
  public static Column text(String name) {
    return new Column(name, ColumnType.TEXT);
  }

  /** An {@link ColumnType#INTEGER} column. */
  public static Column integer(String name) {
    return new Column(name, ColumnType.INTEGER);
  }

  /** A {@link ColumnType#DECIMAL} column. */
  public static Column decimal(String name) {
    return new Column(name, ColumnType.DECIMAL);
  }

  /** A {@link ColumnType#BOOLEAN} column. */
  public static Column bool(String name) {
    return new Column(name, ColumnType.BOOLEAN);
  }

  /** A {@link ColumnType#DATE} column. */
  public static Column date(String name) {
    return new Column(name, ColumnType.DATE);
  }

  /** A {@link ColumnType#TIMESTAMP} column. */
  public static Column timestamp(String name) {
    return new Column(name, ColumnType.TIMESTAMP);
  }
}
