package dev.reports.engine.report;

/** Takes a report's rows, one call per row, as the report reads them. */
public interface RowSink {
  /**
   * Adds one row: one value per declared column, in column order, each of a type its column {@link
   * ColumnType#accepts accepts} (or {@code null}); otherwise throws a permanent {@link
   * ReportException} naming the row and the column. The values are copied: the array may be reused.
   * Call it from one thread at a time, and only until {@link Report#rows} returns.
   */
  void row(Object... values);
}
