package dev.reports.service.schedule;

import java.time.Instant;
import java.util.UUID;

/**
 * A schedule as stored: its writable fields and what the service and the engine keep about it.
 *
 * @param id the schedule
 * @param organizationId its organization
 * @param createdBy the user who created it, or {@code null} when that user is gone
 * @param draft its writable fields
 * @param nextRunAt when its trigger fires next, as the engine last said; {@code null} when never
 * @param lastRunAt when it last ran, or {@code null}
 * @param lastRunStatus how its last run ended ({@code succeeded}, {@code partially_failed}, {@code
 *     failed}, {@code skipped_missed}), or {@code null}
 * @param disabledReason why the service disabled it (it failed too many runs in a row), or {@code
 *     null}
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record StoredSchedule(
    UUID id,
    UUID organizationId,
    UUID createdBy,
    ScheduleDraft draft,
    Instant nextRunAt,
    Instant lastRunAt,
    String lastRunStatus,
    String disabledReason,
    Instant createdAt,
    Instant updatedAt) {}
