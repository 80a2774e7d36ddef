package dev.reports.engine.run;

import java.time.Instant;
import java.util.UUID;

/**
 * One claimed execution of a schedule for one instant.
 *
 * @param id the run id, unique
 * @param scheduleId the schedule it belongs to
 * @param scheduledFor the instant it stands for; with {@code scheduleId} and {@link #manualKey()}
 *     its unique key
 * @param kind why it runs
 * @param attempt 1 for a fresh claim, more when a crashed run is taken over by recovery
 */
public record Run(UUID id, UUID scheduleId, Instant scheduledFor, RunKind kind, int attempt) {
  /**
   * The third part of a run's unique key in the ledger: empty for a scheduled or missed run, so an
   * instant runs once however often it fires; the run's own id for a manual run, so two manual runs
   * asked for in the same millisecond never share a key (nor one with a scheduled instant).
   */
  public String manualKey() {
    return kind == RunKind.MANUAL ? id.toString() : "";
  }
}
