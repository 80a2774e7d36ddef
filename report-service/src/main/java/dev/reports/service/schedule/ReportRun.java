package dev.reports.service.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One run of a schedule, as its history shows it.
 *
 * @param id the run
 * @param scheduleId the schedule it belongs to
 * @param kind {@code scheduled}, {@code manual} or {@code catch_up} (see {@link #kind(String,
 *     Instant, Instant)})
 * @param scheduledFor the instant it stands for (for a manual run: when it was asked for)
 * @param startedAt when a node claimed it
 * @param finishedAt when it ended, or {@code null} while it runs
 * @param status {@code running}, {@code succeeded}, {@code partially_failed}, {@code failed}, …
 * @param rowCount rows in the report, when it was written
 * @param bytes size of the CSV file, when it was written
 * @param sha256 hex SHA-256 of the CSV file, when it was written
 * @param error why it failed, or {@code null}
 */
public record ReportRun(
    UUID id,
    UUID scheduleId,
    String kind,
    Instant scheduledFor,
    Instant startedAt,
    Instant finishedAt,
    String status,
    Long rowCount,
    Long bytes,
    String sha256,
    String error) {

  /**
   * How late a scheduled run may start and still read {@code scheduled}: the scheduler's misfire
   * threshold. A trigger found later than this fired after downtime (or a saturated cluster) and
   * stands for an instant that had passed: it is catching up.
   */
  public static final Duration CATCH_UP_AFTER = Duration.ofMinutes(1);

  /**
   * The kind the API shows for a ledger row: the ledger's {@code missed} (an instant beyond the
   * grace window, recorded {@code skipped_missed}) and a {@code scheduled} run claimed more than
   * {@link #CATCH_UP_AFTER} after its instant are both {@code catch_up}.
   */
  public static String kind(String stored, Instant scheduledFor, Instant startedAt) {
    if ("missed".equals(stored)) {
      return "catch_up";
    }
    if ("scheduled".equals(stored)
        && startedAt != null
        && Duration.between(scheduledFor, startedAt).compareTo(CATCH_UP_AFTER) > 0) {
      return "catch_up";
    }
    return stored;
  }
}
