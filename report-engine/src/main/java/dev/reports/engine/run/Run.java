package dev.reports.engine.run;

import java.time.Instant;
import java.util.UUID;

/**
 * One claimed execution of a schedule for one instant.
 *
 * @param id the run id, unique
 * @param scheduleId the schedule it belongs to
 * @param scheduledFor the instant it stands for; with {@code scheduleId} its unique key
 * @param kind why it runs
 * @param attempt 1 for a fresh claim, more when a crashed run is taken over by recovery
 */
public record Run(UUID id, UUID scheduleId, Instant scheduledFor, RunKind kind, int attempt) {}
