package dev.reports.engine.delivery;

import java.util.Objects;
import java.util.UUID;

/**
 * A failure alert to one recipient: a short text, no file.
 *
 * @param runId the run that failed
 * @param scheduleId its schedule
 * @param recipient who is told
 * @param failure what the alert tells
 * @param idempotencyKey stable for (run, recipient): the alert is never delivered twice
 */
public record Alert(
    UUID runId, UUID scheduleId, Recipient recipient, RunFailure failure, String idempotencyKey) {
  public Alert {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(scheduleId, "scheduleId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }

  /** The alert as plain text (Telegram's message, the outbox's). */
  public String text() {
    StringBuilder text =
        new StringBuilder("Report \"")
            .append(failure.scheduleName())
            .append("\" failed.\nReason: ")
            .append(failure.reason())
            .append("\nRun: ")
            .append(runId)
            .append("\n")
            .append(failure.runLink());
    if (failure.paused()) {
      text.append("\nThe schedule failed ")
          .append(failure.failuresInRow())
          .append(" times in a row and has been paused; enable it again once it is fixed.");
    } else if (failure.failuresInRow() > 1) {
      text.append("\nFailed ").append(failure.failuresInRow()).append(" times in a row.");
    }
    return text.toString();
  }
}
