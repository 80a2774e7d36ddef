package dev.reports.engine.delivery;

import java.util.UUID;

/**
 * A failure alert to one recipient: a short text, no file.
 *
 * @param runId the run that failed
 * @param scheduleId its schedule
 * @param recipient who is told
 * @param scheduleName the schedule's name as its people know it
 * @param reason why the run failed, as recorded on the run
 * @param runLink where the run can be read (a URL or an API path)
 * @param failuresInRow the schedule's failed runs in a row, this one included
 * @param paused whether this failure paused the schedule
 * @param idempotencyKey stable for (run, recipient): the alert is never delivered twice
 */
public record Alert(
    UUID runId,
    UUID scheduleId,
    Recipient recipient,
    String scheduleName,
    String reason,
    String runLink,
    int failuresInRow,
    boolean paused,
    String idempotencyKey) {

  /** The alert as plain text (Telegram's message, the outbox's). */
  public String text() {
    StringBuilder text =
        new StringBuilder("Report \"")
            .append(scheduleName)
            .append("\" failed.\nReason: ")
            .append(reason)
            .append("\nRun: ")
            .append(runId)
            .append("\n")
            .append(runLink);
    if (paused) {
      text.append("\nThe schedule failed ")
          .append(failuresInRow)
          .append(" times in a row and has been paused; enable it again once it is fixed.");
    } else if (failuresInRow > 1) {
      text.append("\nFailed ").append(failuresInRow).append(" times in a row.");
    }
    return text.toString();
  }
}
