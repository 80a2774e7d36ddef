package dev.reports.engine.delivery;

import dev.reports.engine.report.ReportFile;
import dev.reports.engine.run.Fence;
import java.util.UUID;

/**
 * One report to send to one recipient.
 *
 * @param runId the run
 * @param scheduleId the schedule
 * @param recipient who gets it
 * @param file the CSV report
 * @param idempotencyKey stable for (run, recipient): a provider that honours it never delivers
 *     twice, however often the send is retried or recovered
 * @param fence checked by the channel as the last step before its request goes to the provider:
 *     throws when this node no longer holds the run
 */
public record Delivery(
    UUID runId,
    UUID scheduleId,
    Recipient recipient,
    ReportFile file,
    String idempotencyKey,
    Fence fence) {

  /** A delivery without a fence (sent outside a run the engine holds). */
  public Delivery(
      UUID runId, UUID scheduleId, Recipient recipient, ReportFile file, String idempotencyKey) {
    this(runId, scheduleId, recipient, file, idempotencyKey, Fence.NONE);
  }

  public Delivery {
    fence = fence == null ? Fence.NONE : fence;
  }
}
