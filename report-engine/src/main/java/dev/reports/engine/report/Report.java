package dev.reports.engine.report;

import java.util.List;

/**
 * A report a schedule runs: its declared columns and the rows it streams from the host's data. The
 * engine writes the rows as CSV by the columns' types (docs/reports.md), while they are read.
 * <!-- sample: List<Object[]> placedThisWeek -->
 *
 * <pre>{@code
 * Report orders = new Report() {
 *   public List<Column> columns() {
 *     return List.of(Column.text("order_no"), Column.timestamp("placed_at"), Column.decimal("total"));
 *   }
 *
 *   public ReportDescription rows(ReportRequest request, RowSink sink) {
 *     for (Object[] order : placedThisWeek) { // the host's query, streamed: number, instant, total
 *       sink.row(order);
 *     }
 *     return new ReportDescription("Weekly orders", "weekly-orders");
 *   }
 * };
 * }</pre>
 */
public interface Report {
  /** The columns, in CSV order; their names are the header. Not empty, no name twice. */
  List<Column> columns();

  /**
   * Streams every row, in report order, into {@code sink} as it is read, and returns the report's
   * name and slug; throws {@link ReportException} when the report cannot be produced.
   */
  ReportDescription rows(ReportRequest request, RowSink sink);
}
