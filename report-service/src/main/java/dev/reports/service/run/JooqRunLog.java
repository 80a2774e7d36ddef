package dev.reports.service.run;

import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.when;

import dev.reports.engine.run.FailureStreak;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.run.RunResult;
import dev.reports.engine.run.RunStatus;
import dev.reports.jooq.tables.records.SharedReportRunsRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.types.DayToSecond;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run ledger in {@code shared_report_runs}: the unique (schedule, instant, manual key) key
 * makes a second claim of the same instant a no-op (a manual run is keyed by its own id, so it
 * never collides with another), a lease (renewed by the running node) lets another node take over
 * the run of a node that died, and finishing a run writes the schedule's {@code last_run_at},
 * {@code last_run_status} and {@code next_run_at}, and counts its failed runs in a row (disabling a
 * schedule that fails too often) in the same transaction. Leases are measured on the database's
 * clock, so nodes' clocks need not agree.
 */
public final class JooqRunLog implements RunLog {
  private static final Logger log = LoggerFactory.getLogger(JooqRunLog.class);
  private static final String RUNNING = RunStatus.RUNNING.code();

  private final DSLContext dsl;

  public JooqRunLog(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public Optional<Run> claim(Run candidate, String nodeId, Duration lease) {
    var r = SHARED_REPORT_RUNS;
    OffsetDateTime instant = utc(candidate.scheduledFor());
    int inserted;
    try {
      inserted = insert(candidate, nodeId, lease, instant);
    } catch (IntegrityConstraintViolationException e) {
      // H2 emulates "on conflict do nothing" with a MERGE a concurrent claim can still collide
      // with: another node claimed the instant. Any other violation stands.
      if (!dsl.fetchExists(
          r,
          r.SCHEDULE_ID.eq(candidate.scheduleId()),
          r.SCHEDULED_FOR.eq(instant),
          r.MANUAL_KEY.eq(candidate.manualKey()))) {
        throw e;
      }
      inserted = 0;
    }
    if (inserted == 1) {
      return Optional.of(
          new Run(
              candidate.id(),
              candidate.scheduleId(),
              candidate.scheduledFor(),
              candidate.kind(),
              1));
    }
    // Someone claimed this instant: take it over only if it is unfinished and its lease expired,
    // i.e. the node running it stopped renewing (died, or lost the database for a whole lease).
    SharedReportRunsRecord taken =
        dsl.update(r)
            .set(r.ATTEMPTS, r.ATTEMPTS.plus(1))
            .set(r.NODE_ID, nodeId)
            .set(r.LEASE_EXPIRES_AT, leaseFrom(lease))
            .where(r.SCHEDULE_ID.eq(candidate.scheduleId()))
            .and(r.SCHEDULED_FOR.eq(instant))
            .and(r.MANUAL_KEY.eq(candidate.manualKey()))
            .and(r.STATUS.eq(RUNNING))
            .and(r.LEASE_EXPIRES_AT.isNull().or(r.LEASE_EXPIRES_AT.lt(currentOffsetDateTime())))
            .returning(r.ID, r.KIND, r.ATTEMPTS)
            .fetchOne();
    if (taken == null) {
      return Optional.empty();
    }
    log.info(
        "node {} takes over run {} of schedule {} at {} (attempt {})",
        nodeId,
        taken.getId(),
        candidate.scheduleId(),
        candidate.scheduledFor(),
        taken.getAttempts());
    return Optional.of(
        new Run(
            taken.getId(),
            candidate.scheduleId(),
            candidate.scheduledFor(),
            RunKind.valueOf(taken.getKind().toUpperCase(Locale.ROOT)),
            taken.getAttempts()));
  }

  private int insert(Run candidate, String nodeId, Duration lease, OffsetDateTime instant) {
    var r = SHARED_REPORT_RUNS;
    return dsl.insertInto(r)
        .set(r.ID, candidate.id())
        .set(r.SCHEDULE_ID, candidate.scheduleId())
        .set(r.SCHEDULED_FOR, instant)
        .set(r.MANUAL_KEY, candidate.manualKey())
        .set(r.KIND, code(candidate.kind()))
        .set(r.STATUS, RUNNING)
        .set(r.NODE_ID, nodeId)
        .set(r.ATTEMPTS, 1)
        .set(r.STARTED_AT, currentOffsetDateTime())
        .set(r.LEASE_EXPIRES_AT, leaseFrom(lease))
        .onConflict(r.SCHEDULE_ID, r.SCHEDULED_FOR, r.MANUAL_KEY)
        .doNothing()
        .execute();
  }

  @Override
  public boolean renew(Run run, Duration lease) {
    var r = SHARED_REPORT_RUNS;
    return dsl.update(r)
            .set(r.LEASE_EXPIRES_AT, leaseFrom(lease))
            .where(r.ID.eq(run.id()))
            .and(r.ATTEMPTS.eq(run.attempt()))
            .and(r.STATUS.eq(RUNNING))
            .execute()
        == 1;
  }

  @Override
  public void finish(Run run, RunResult result) {
    finish(run, result, 0, null);
  }

  /**
   * Records the end and, in the same transaction (holding the schedule's row lock), its failed runs
   * in a row; disables the schedule (enabled false, {@code disabled_reason}, no next run) when the
   * count reaches {@code pauseAfter}. Empty when the end was not recorded.
   */
  @Override
  public Optional<FailureStreak> finish(
      Run run, RunResult result, int pauseAfter, String pauseReason) {
    var r = SHARED_REPORT_RUNS;
    var s = SHARED_REPORT_SCHEDULES;
    OffsetDateTime instant = utc(run.scheduledFor());
    String status = result.status().code();
    return dsl.transactionResult(
        cfg -> {
          DSLContext tx = cfg.dsl();
          int updated =
              tx.update(r)
                  .set(r.STATUS, status)
                  .set(r.FINISHED_AT, utc(result.finishedAt()))
                  .set(r.ROW_COUNT, result.rows())
                  .set(r.BYTE_SIZE, result.bytes())
                  .set(r.SHA256, result.sha256())
                  .set(r.ERROR, result.error().orElse(null))
                  .setNull(r.LEASE_EXPIRES_AT)
                  .where(r.ID.eq(run.id()))
                  .and(r.ATTEMPTS.eq(run.attempt()))
                  .and(r.STATUS.eq(RUNNING))
                  .execute();
          if (updated == 0) {
            log.warn(
                "run {} (attempt {}) was taken over or already finished; its end as {} is not"
                    + " recorded",
                run.id(),
                run.attempt(),
                status);
            return Optional.<FailureStreak>empty();
          }
          // A run that ends after a later one (a recovered old instant) does not overwrite it.
          Field<Boolean> latest = s.LAST_RUN_AT.isNull().or(s.LAST_RUN_AT.le(instant));
          tx.update(s)
              .set(s.LAST_RUN_AT, when(latest, instant).otherwise(s.LAST_RUN_AT))
              .set(s.LAST_RUN_STATUS, when(latest, status).otherwise(s.LAST_RUN_STATUS))
              .set(s.NEXT_RUN_AT, result.nextRunAt().map(JooqRunLog::utc).orElse(null))
              .where(s.ID.eq(run.scheduleId()))
              .execute();
          return Optional.of(countFailures(tx, run, result, pauseAfter, pauseReason));
        });
  }

  /** Skipped runs (missed, empty) are neither failures nor successes: they leave the count. */
  private static FailureStreak countFailures(
      DSLContext tx, Run run, RunResult result, int pauseAfter, String pauseReason) {
    var s = SHARED_REPORT_SCHEDULES;
    RunStatus status = result.status();
    boolean failed = status.isFailure();
    if (status == RunStatus.SUCCEEDED) {
      tx.update(s).set(s.CONSECUTIVE_FAILURES, 0).where(s.ID.eq(run.scheduleId())).execute();
      return FailureStreak.none();
    }
    if (failed) {
      tx.update(s)
          .set(s.CONSECUTIVE_FAILURES, s.CONSECUTIVE_FAILURES.plus(1))
          .where(s.ID.eq(run.scheduleId()))
          .execute();
    }
    var row =
        tx.select(s.CONSECUTIVE_FAILURES, s.ENABLED)
            .from(s)
            .where(s.ID.eq(run.scheduleId()))
            .fetchOne();
    if (row == null) {
      return FailureStreak.none();
    }
    int count = row.value1();
    boolean pause = failed && pauseAfter > 0 && count >= pauseAfter && row.value2();
    if (pause) {
      tx.update(s)
          .set(s.ENABLED, false)
          .set(s.DISABLED_REASON, pauseReason)
          .set(s.NEXT_RUN_AT, (OffsetDateTime) null)
          .set(s.UPDATED_AT, currentOffsetDateTime())
          .where(s.ID.eq(run.scheduleId()))
          .execute();
      log.warn(
          "schedule {} failed {} runs in a row and is disabled: {}",
          run.scheduleId(),
          count,
          pauseReason);
    }
    return new FailureStreak(count, pause);
  }

  private static Field<OffsetDateTime> leaseFrom(Duration lease) {
    return currentOffsetDateTime().plus(DayToSecond.valueOf(lease));
  }

  private static String code(RunKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
