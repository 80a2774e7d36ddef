package dev.reports.service.run;

import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.param;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
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
  // The statements of every run, rendered once (see RenderedQuery); claims per lease length.
  private final Map<Duration, RenderedQuery> claims = new ConcurrentHashMap<>();
  private final RenderedQuery finishRun;
  private final Map<Failures, RenderedQuery> finishSchedule = new EnumMap<>(Failures.class);

  public JooqRunLog(DSLContext dsl) {
    this.dsl = dsl;
    this.finishRun = new RenderedQuery(dsl, finishRunQuery());
    for (Failures f : Failures.values()) {
      finishSchedule.put(f, new RenderedQuery(dsl, finishScheduleQuery(f)));
    }
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
    Map<String, Object> values = new HashMap<>();
    values.put("id", candidate.id());
    values.put("schedule_id", candidate.scheduleId());
    values.put("scheduled_for", instant);
    values.put("manual_key", candidate.manualKey());
    values.put("kind", code(candidate.kind()));
    values.put("node_id", nodeId);
    return claims
        .computeIfAbsent(lease, l -> new RenderedQuery(dsl, claimQuery(l)))
        .execute(dsl, values);
  }

  private Query claimQuery(Duration lease) {
    var r = SHARED_REPORT_RUNS;
    return dsl.insertInto(r)
        .set(r.ID, param("id", r.ID))
        .set(r.SCHEDULE_ID, param("schedule_id", r.SCHEDULE_ID))
        .set(r.SCHEDULED_FOR, param("scheduled_for", r.SCHEDULED_FOR))
        .set(r.MANUAL_KEY, param("manual_key", r.MANUAL_KEY))
        .set(r.KIND, param("kind", r.KIND))
        .set(r.STATUS, inline(RUNNING))
        .set(r.NODE_ID, param("node_id", r.NODE_ID))
        .set(r.ATTEMPTS, inline(1))
        .set(r.STARTED_AT, currentOffsetDateTime())
        .set(r.LEASE_EXPIRES_AT, currentOffsetDateTime().plus(inline(DayToSecond.valueOf(lease))))
        .onConflict(r.SCHEDULE_ID, r.SCHEDULED_FOR, r.MANUAL_KEY)
        .doNothing();
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
    OffsetDateTime instant = utc(run.scheduledFor());
    String status = result.status().code();
    return dsl.transactionResult(
        cfg -> {
          DSLContext tx = cfg.dsl();
          Map<String, Object> values = new HashMap<>();
          values.put("status", status);
          values.put("finished_at", utc(result.finishedAt()));
          values.put("row_count", result.rows());
          values.put("byte_size", result.bytes());
          values.put("sha256", result.sha256());
          values.put("error", result.error().orElse(null));
          values.put("id", run.id());
          values.put("attempts", run.attempt());
          if (finishRun.execute(tx, values) == 0) {
            log.warn(
                "run {} (attempt {}) was taken over or already finished; its end as {} is not"
                    + " recorded",
                run.id(),
                run.attempt(),
                status);
            return Optional.<FailureStreak>empty();
          }
          Map<String, Object> schedule = new HashMap<>();
          schedule.put("instant", instant);
          schedule.put("status", status);
          schedule.put("next_run_at", result.nextRunAt().map(JooqRunLog::utc).orElse(null));
          schedule.put("id", run.scheduleId());
          finishSchedule.get(Failures.after(result.status())).execute(tx, schedule);
          return Optional.of(streak(tx, run, result.status(), pauseAfter, pauseReason));
        });
  }

  private Query finishRunQuery() {
    var r = SHARED_REPORT_RUNS;
    return dsl.update(r)
        .set(r.STATUS, param("status", r.STATUS))
        .set(r.FINISHED_AT, param("finished_at", r.FINISHED_AT))
        .set(r.ROW_COUNT, param("row_count", r.ROW_COUNT))
        .set(r.BYTE_SIZE, param("byte_size", r.BYTE_SIZE))
        .set(r.SHA256, param("sha256", r.SHA256))
        .set(r.ERROR, param("error", r.ERROR))
        .set(r.LEASE_EXPIRES_AT, inline((OffsetDateTime) null, r.LEASE_EXPIRES_AT))
        .where(r.ID.eq(param("id", r.ID)))
        .and(r.ATTEMPTS.eq(param("attempts", r.ATTEMPTS)))
        .and(r.STATUS.eq(inline(RUNNING)));
  }

  /**
   * The schedule's last run, next run and failures in a row. A run that ends after a later one (a
   * recovered old instant) does not overwrite the last run.
   */
  private Query finishScheduleQuery(Failures failures) {
    var s = SHARED_REPORT_SCHEDULES;
    Field<OffsetDateTime> instant = param("instant", s.LAST_RUN_AT);
    Field<Boolean> latest = s.LAST_RUN_AT.isNull().or(s.LAST_RUN_AT.le(instant));
    return dsl.update(s)
        .set(s.LAST_RUN_AT, when(latest, instant).otherwise(s.LAST_RUN_AT))
        .set(
            s.LAST_RUN_STATUS,
            when(latest, param("status", s.LAST_RUN_STATUS)).otherwise(s.LAST_RUN_STATUS))
        .set(s.NEXT_RUN_AT, param("next_run_at", s.NEXT_RUN_AT))
        .set(s.CONSECUTIVE_FAILURES, failures.count())
        .where(s.ID.eq(param("id", s.ID)));
  }

  /**
   * The failures in a row after a run: a succeeded run resets the count, a failed or partially
   * failed one adds one, a skipped one (missed, empty) is neither and leaves it.
   */
  private enum Failures {
    RESET,
    ADD,
    KEEP;

    static Failures after(RunStatus status) {
      if (status == RunStatus.SUCCEEDED) {
        return RESET;
      }
      return status.isFailure() ? ADD : KEEP;
    }

    Field<Integer> count() {
      var s = SHARED_REPORT_SCHEDULES;
      return switch (this) {
        case RESET -> inline(0);
        case ADD -> s.CONSECUTIVE_FAILURES.plus(inline(1));
        case KEEP -> s.CONSECUTIVE_FAILURES;
      };
    }
  }

  /** The streak after the run; disables the schedule when it reached {@code pauseAfter}. */
  private static FailureStreak streak(
      DSLContext tx, Run run, RunStatus status, int pauseAfter, String pauseReason) {
    var s = SHARED_REPORT_SCHEDULES;
    if (status == RunStatus.SUCCEEDED) {
      return FailureStreak.none();
    }
    var schedule =
        tx.select(s.CONSECUTIVE_FAILURES, s.ENABLED)
            .from(s)
            .where(s.ID.eq(run.scheduleId()))
            .fetchOne();
    if (schedule == null) {
      return FailureStreak.none();
    }
    int count = schedule.value1();
    boolean pause =
        status.isFailure() && pauseAfter > 0 && count >= pauseAfter && schedule.value2();
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
