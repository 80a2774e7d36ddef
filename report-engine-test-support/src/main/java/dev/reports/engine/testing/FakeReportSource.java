package dev.reports.engine.testing;

import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportException;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.report.ReportSource;
import dev.reports.engine.report.VideoRow;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * In-memory {@link ReportSource}: every request gets the same rows; it can be told to fail the next
 * {@code n} requests, and it remembers the requests it served.
 */
public final class FakeReportSource implements ReportSource {
  private final List<VideoRow> rows = new CopyOnWriteArrayList<>();
  private final List<ReportRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile ReportDescription description = new ReportDescription("Test report", "test");
  private volatile boolean permanentFailure;

  public FakeReportSource rows(List<VideoRow> rows) {
    this.rows.clear();
    this.rows.addAll(rows);
    return this;
  }

  public FakeReportSource description(ReportDescription description) {
    this.description = description;
    return this;
  }

  /** The next {@code times} requests throw a {@link ReportException}. */
  public FakeReportSource failNext(int times, boolean permanent) {
    failuresLeft.set(times);
    permanentFailure = permanent;
    return this;
  }

  public List<ReportRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public ReportDescription stream(ReportRequest request, Consumer<VideoRow> sink) {
    requests.add(request);
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new ReportException("injected report failure", permanentFailure);
    }
    rows.forEach(sink);
    return description;
  }
}
