package dev.reports.engine.delivery;

import dev.reports.engine.report.ReportFile;
import dev.reports.engine.run.Fence;
import java.util.UUID;

/**
 * One report to send to one recipient.
 *
 * @param runId the run
 * @param scheduleId the schedule
 * @param recipient who gets it, at its {@link Recipient#address()}
 * @param file the CSV report
 * @param idempotencyKey stable for (run, recipient): a provider that honours it never delivers
 *     twice, however often the send is retried or recovered
 * @param fence checked by the engine right before it calls the channel, and by a channel that waits
 *     before its request goes out as its own last step: throws when this node no longer holds the
 *     run
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
