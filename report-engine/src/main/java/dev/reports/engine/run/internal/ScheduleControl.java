package dev.reports.engine.run.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What a run needs from the scheduler, without knowing it is Quartz. */
public interface ScheduleControl {
  /** The schedule's next fire instant; empty when it is paused or has no trigger. */
  Optional<Instant> nextRunAt(UUID scheduleId);

  /** Pauses the trigger of a schedule that was disabled for failing too often. */
  void pause(UUID scheduleId);

  /** Removes the trigger of a schedule that no longer exists. */
  void remove(UUID scheduleId);
}
