package dev.reports.service.schedule;

import java.time.Duration;
import java.util.UUID;

/**
 * A "run now" refused by its brakes: a manual run of the schedule is still in progress ({@link
 * #runningRunId()}), or the organization asked for too many in the last minute ({@link
 * #retryAfter()}).
 */
public final class ManualRunRefusedException extends RuntimeException {
  private final UUID runningRunId;
  private final Duration retryAfter;

  private ManualRunRefusedException(String message, UUID runningRunId, Duration retryAfter) {
    super(message);
    this.runningRunId = runningRunId;
    this.retryAfter = retryAfter;
  }

  static ManualRunRefusedException inProgress(UUID runId) {
    return new ManualRunRefusedException(
        "a manual run of this schedule is in progress: run "
            + runId
            + "; ask again once it has finished",
        runId,
        null);
  }

  static ManualRunRefusedException tooMany(int perMinute, Duration retryAfter) {
    return new ManualRunRefusedException(
        "the organization asked for more than "
            + perMinute
            + " manual runs in a minute; ask again in "
            + retryAfter.toSeconds()
            + " s",
        null,
        retryAfter);
  }

  /** The manual run still in progress, or null when this is the rate limit. */
  public UUID runningRunId() {
    return runningRunId;
  }

  /** How long until another manual run may be asked for, or null when a run is in progress. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
