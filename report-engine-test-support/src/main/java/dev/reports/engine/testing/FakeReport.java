package dev.reports.engine.testing;

import dev.reports.engine.report.Column;
import dev.reports.engine.report.Report;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportException;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.report.RowSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory {@link Report}: declared columns (by default {@code name} text and {@code count}
 * integer) and the same rows for every request; it can be told to fail the next {@code n} requests,
 * and it remembers the requests it served.
 */
public final class FakeReport implements Report {
  private volatile List<Column> columns = List.of(Column.text("name"), Column.integer("count"));
  private final List<Object[]> rows = new CopyOnWriteArrayList<>();
  private final List<ReportRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile ReportDescription description = new ReportDescription("Test report", "test");
  private volatile boolean permanentFailure;

  public FakeReport columns(Column... columns) {
    this.columns = List.of(columns);
    return this;
  }

  /** Adds one row, its values in column order. */
  public FakeReport row(Object... values) {
    rows.add(values.clone());
    return this;
  }

  /** Replaces the rows. */
  public FakeReport rows(List<Object[]> rows) {
    this.rows.clear();
    rows.forEach(r -> this.rows.add(r.clone()));
    return this;
  }

  public FakeReport description(ReportDescription description) {
    this.description = description;
    return this;
  }

  /** The next {@code times} requests throw a {@link ReportException}. */
  public FakeReport failNext(int times, boolean permanent) {
    failuresLeft.set(times);
    permanentFailure = permanent;
    return this;
  }

  public List<ReportRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  @Override
  public ReportDescription rows(ReportRequest request, RowSink sink) {
    requests.add(request);
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new ReportException("injected report failure", permanentFailure);
    }
    rows.forEach(sink::row);
    return description;
  }

  @Override
  public String toString() {
    return "FakeReport" + columns + " with " + rows.size() + " rows";
  }
}
