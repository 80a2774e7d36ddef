package dev.reports.service.schedule;

import static dev.reports.jooq.Tables.SHARED_REPORT_MANUAL_RUNS;
import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.min;

import dev.reports.engine.run.RunStatus;
import dev.reports.engine.schedule.FieldError;
import dev.reports.engine.schedule.InvalidScheduleException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.types.DayToSecond;

/**
 * The brakes on "run now", kept in {@code shared_report_manual_runs} so that they hold across
 * restarts and across the nodes of a cluster (times on the database's clock). Every method runs in
 * the caller's transaction, after {@link OrganizationLocks#lock} of the organization.
 */
final class ManualRuns {
  /** The header that makes a "run now" idempotent, as the API names it in errors. */
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** How long the same idempotency key answers the same run. */
  static final Duration KEY_LIFETIME = Duration.ofHours(24);

  /** Manual runs an organization may ask for in a minute. */
  static final int PER_MINUTE = 10;

  private static final Duration MINUTE = Duration.ofMinutes(1);

  /**
   * How long a manual run asked for but not yet started still counts as in progress: a run waits
   * while a run of its schedule is executing, but a request whose trigger was lost must not block
   * the schedule's manual runs for ever.
   */
  static final Duration START_PATIENCE = Duration.ofMinutes(30);

  private ManualRuns() {}

  /** Forgets the organization's requests older than the key lifetime. */
  static void prune(DSLContext tx, UUID organizationId) {
    var m = SHARED_REPORT_MANUAL_RUNS;
    tx.deleteFrom(m)
        .where(m.ORGANIZATION_ID.eq(organizationId), m.REQUESTED_AT.lt(ago(KEY_LIFETIME)))
        .execute();
  }

  /**
   * The run an earlier request with this key started (within the key lifetime); throws {@link
   * InvalidScheduleException} naming the header when that request was for another schedule.
   */
  static Optional<UUID> earlier(DSLContext tx, UUID organizationId, UUID scheduleId, String key) {
    if (key == null) {
      return Optional.empty();
    }
    var m = SHARED_REPORT_MANUAL_RUNS;
    return tx.select(m.RUN_ID, m.SCHEDULE_ID)
        .from(m)
        .where(m.ORGANIZATION_ID.eq(organizationId), m.IDEMPOTENCY_KEY.eq(key))
        .fetchOptional()
        .map(
            r -> {
              if (!r.value2().equals(scheduleId)) {
                throw new InvalidScheduleException(
                    List.of(
                        new FieldError(
                            IDEMPOTENCY_KEY,
                            "was used for a run of another schedule in the last 24 hours; use a"
                                + " new key")));
              }
              return r.value1();
            });
  }

  /** Throws when a manual run of the schedule is asked for or running and not finished. */
  static void refuseWhileInProgress(DSLContext tx, UUID scheduleId) {
    var m = SHARED_REPORT_MANUAL_RUNS;
    var r = SHARED_REPORT_RUNS;
    tx.select(m.RUN_ID)
        .from(m)
        .leftJoin(r)
        .on(r.ID.eq(m.RUN_ID))
        .where(m.SCHEDULE_ID.eq(scheduleId))
        .and(
            r.ID
                .isNull()
                .and(m.REQUESTED_AT.gt(ago(START_PATIENCE)))
                .or(r.STATUS.eq(RunStatus.RUNNING.code())))
        .orderBy(m.REQUESTED_AT.desc())
        .limit(1)
        .fetchOptional(m.RUN_ID)
        .ifPresent(
            running -> {
              throw ManualRunRefusedException.inProgress(running);
            });
  }

  /** Throws when the organization asked for {@link #PER_MINUTE} manual runs in the last minute. */
  static void refuseOverRate(DSLContext tx, UUID organizationId) {
    var m = SHARED_REPORT_MANUAL_RUNS;
    Record3<OffsetDateTime, Integer, OffsetDateTime> window =
        tx.select(currentOffsetDateTime(), count(), min(m.REQUESTED_AT))
            .from(m)
            .where(m.ORGANIZATION_ID.eq(organizationId), m.REQUESTED_AT.gt(ago(MINUTE)))
            .fetchSingle();
    if (window.value2() < PER_MINUTE) {
      return;
    }
    // the oldest request of the window leaves it first
    Duration wait = Duration.between(window.value1(), window.value3().plus(MINUTE));
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    throw ManualRunRefusedException.tooMany(PER_MINUTE, Duration.ofSeconds(seconds));
  }

  static void record(
      DSLContext tx, UUID runId, UUID organizationId, UUID scheduleId, String idempotencyKey) {
    var m = SHARED_REPORT_MANUAL_RUNS;
    tx.insertInto(m)
        .set(m.RUN_ID, runId)
        .set(m.SCHEDULE_ID, scheduleId)
        .set(m.ORGANIZATION_ID, organizationId)
        .set(m.IDEMPOTENCY_KEY, idempotencyKey)
        .set(m.REQUESTED_AT, currentOffsetDateTime())
        .execute();
  }

  private static Field<OffsetDateTime> ago(Duration duration) {
    return currentOffsetDateTime().minus(DayToSecond.valueOf(duration));
  }
}
