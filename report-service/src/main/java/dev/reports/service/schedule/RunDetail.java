package dev.reports.service.schedule;

import java.util.List;

/** One run and every delivery it made (or tried), oldest first. */
public record RunDetail(ReportRun run, List<Notification> deliveries) {
  public RunDetail {
    deliveries = List.copyOf(deliveries);
  }
}
