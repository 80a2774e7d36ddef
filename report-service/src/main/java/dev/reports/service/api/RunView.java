package dev.reports.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.reports.service.schedule.ReportRun;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One run of a schedule as the API shows it; {@code deliveries} only when one run is read. */
record RunView(
    UUID id,
    UUID scheduleId,
    String kind,
    Instant scheduledFor,
    Instant startedAt,
    Instant finishedAt,
    String status,
    Long rowCount,
    Long bytes,
    String sha256,
    String error,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<NotificationView> deliveries) {

  static RunView of(ReportRun run, List<NotificationView> deliveries) {
    return new RunView(
        run.id(),
        run.scheduleId(),
        run.kind(),
        run.scheduledFor(),
        run.startedAt(),
        run.finishedAt(),
        run.status(),
        run.rowCount(),
        run.bytes(),
        run.sha256(),
        Redaction.scrub(run.error()),
        deliveries);
  }
}
