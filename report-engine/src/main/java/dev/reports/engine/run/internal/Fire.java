package dev.reports.engine.run.internal;

import dev.reports.engine.schedule.internal.Recurrence;
import java.time.Instant;
import java.util.UUID;

/**
 * One firing of a schedule's trigger, as the scheduler saw it.
 *
 * @param scheduleId the schedule
 * @param manualRunId the run id promised by {@code runNow}, or {@code null} for a scheduled fire
 * @param scheduled the instant the trigger was due (for {@code runNow}: when it was asked for)
 * @param fired when it actually fired
 * @param recurrence the schedule's recurrence, for a scheduled fire
 * @param recovering whether another node's unfinished fire is being recovered
 * @param nextFire the schedule's next fire instant as of this fire, when the scheduler knows it
 *     without asking (a scheduled fire); {@code null} otherwise
 */
public record Fire(
    UUID scheduleId,
    UUID manualRunId,
    Instant scheduled,
    Instant fired,
    Recurrence recurrence,
    boolean recovering,
    Instant nextFire) {
  public boolean manual() {
    return manualRunId != null;
  }
}
