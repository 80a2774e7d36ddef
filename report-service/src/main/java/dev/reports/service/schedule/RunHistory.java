package dev.reports.service.schedule;

import static dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS;
import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static org.jooq.impl.DSL.row;

import dev.reports.jooq.tables.records.SharedReportRunsRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * The run ledger as an organization reads it: a schedule's runs newest first, and one run with its
 * deliveries. A deleted schedule's runs stay readable; another organization's are not there.
 */
final class RunHistory {
  private final ScheduleRepository repository;

  RunHistory(ScheduleRepository repository) {
    this.repository = repository;
  }

  /**
   * The schedule's runs, newest claim first; empty when the schedule never was the organization's.
   */
  Optional<Page<ReportRun>> runs(
      DSLContext dsl, UUID organizationId, UUID scheduleId, Keyset after, int limit) {
    if (!repository.exists(dsl, organizationId, scheduleId, true)) {
      return Optional.empty();
    }
    var r = SHARED_REPORT_RUNS;
    Condition where = r.SCHEDULE_ID.eq(scheduleId);
    if (after != null) {
      where = where.and(row(r.STARTED_AT, r.ID).lt(utc(after.createdAt()), after.id()));
    }
    List<ReportRun> rows =
        dsl.selectFrom(r)
            .where(where)
            .orderBy(r.STARTED_AT.desc(), r.ID.desc())
            .limit(limit + 1)
            .fetch(RunHistory::run);
    List<ReportRun> items = rows.subList(0, Math.min(limit, rows.size()));
    Optional<Keyset> next =
        rows.size() > limit
            ? Optional.of(
                new Keyset(
                    items.get(items.size() - 1).startedAt(), items.get(items.size() - 1).id()))
            : Optional.empty();
    return Optional.of(new Page<>(items, next));
  }

  /**
   * One run of the organization's (deleted schedules included) with its deliveries, oldest first.
   */
  Optional<RunDetail> run(DSLContext dsl, UUID organizationId, UUID runId) {
    var r = SHARED_REPORT_RUNS;
    var s = SHARED_REPORT_SCHEDULES;
    SharedReportRunsRecord found =
        dsl.select(r.fields())
            .from(r)
            .join(s)
            .on(s.ID.eq(r.SCHEDULE_ID))
            .where(r.ID.eq(runId).and(s.ORGANIZATION_ID.eq(organizationId)))
            .fetchOneInto(SharedReportRunsRecord.class);
    if (found == null) {
      return Optional.empty();
    }
    var n = SHARED_REPORT_NOTIFICATIONS;
    List<Notification> deliveries =
        dsl.selectFrom(n)
            .where(n.RUN_ID.eq(runId).and(n.ORGANIZATION_ID.eq(organizationId)))
            .orderBy(n.CREATED_AT, n.ID)
            .fetch(ScheduleRepository::notification);
    return Optional.of(new RunDetail(run(found), deliveries));
  }

  private static ReportRun run(SharedReportRunsRecord r) {
    Instant scheduledFor = r.getScheduledFor().toInstant();
    Instant startedAt = instant(r.getStartedAt());
    return new ReportRun(
        r.getId(),
        r.getScheduleId(),
        ReportRun.kind(r.getKind(), scheduledFor, startedAt),
        scheduledFor,
        startedAt,
        instant(r.getFinishedAt()),
        r.getStatus(),
        r.getRowCount(),
        r.getByteSize(),
        r.getSha256(),
        r.getError());
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
