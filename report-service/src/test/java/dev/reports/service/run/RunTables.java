package dev.reports.service.run;

import static dev.reports.jooq.Tables.ORGANIZATIONS;
import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;

import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.jooq.tables.records.SharedReportRunsRecord;
import dev.reports.jooq.tables.records.SharedReportSchedulesRecord;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Test-data builder for the run ledger's tables: an organization, a shared link, schedules. */
final class RunTables {
  final DSLContext dsl;
  final UUID organizationId = UUID.randomUUID();
  final UUID sharedLinkId = UUID.randomUUID();

  RunTables(DataSource dataSource) {
    this(DSL.using(dataSource, SQLDialect.POSTGRES));
  }

  RunTables(DSLContext dsl) {
    this.dsl = dsl;
    dsl.insertInto(ORGANIZATIONS)
        .set(ORGANIZATIONS.ID, organizationId)
        .set(ORGANIZATIONS.NAME, "Org " + organizationId)
        .execute();
    dsl.insertInto(SHARED_LINKS)
        .set(SHARED_LINKS.ID, sharedLinkId)
        .set(SHARED_LINKS.ORGANIZATION_ID, organizationId)
        .set(SHARED_LINKS.SLUG, "weekly-" + sharedLinkId.toString().substring(0, 6))
        .set(SHARED_LINKS.NAME, "Weekly")
        .execute();
  }

  /** An active user of the organization; returns its id. */
  UUID user(String email) {
    UUID id = UUID.randomUUID();
    dsl.insertInto(dev.reports.jooq.Tables.USERS)
        .set(dev.reports.jooq.Tables.USERS.ID, id)
        .set(dev.reports.jooq.Tables.USERS.ORGANIZATION_ID, organizationId)
        .set(dev.reports.jooq.Tables.USERS.EMAIL, email)
        .execute();
    return id;
  }

  /** A schedule row with this spec; returns its id. */
  UUID schedule(ScheduleSpec spec, boolean enabled) {
    UUID id = UUID.randomUUID();
    var s = SHARED_REPORT_SCHEDULES;
    dsl.insertInto(s)
        .set(s.ID, id)
        .set(s.ORGANIZATION_ID, organizationId)
        .set(s.SHARED_LINK_ID, sharedLinkId)
        .set(s.CADENCE, spec.cadence() == null ? null : spec.cadence().name().toLowerCase())
        .set(s.CRON_EXPRESSION, spec.unixCron())
        .set(s.TIMEZONE, spec.zone().getId())
        .set(s.SCHEDULED_TIME, spec.isCron() ? null : spec.time())
        .set(
            s.DAY_OF_WEEK,
            spec.cadence() == dev.reports.engine.schedule.Cadence.WEEKLY
                ? (short) spec.weekday().getValue()
                : null)
        .set(
            s.DAY_OF_MONTH,
            spec.cadence() == dev.reports.engine.schedule.Cadence.MONTHLY
                ? (short) spec.monthDay()
                : null)
        .set(s.SEND_EMAIL, true)
        .set(s.ENABLED, enabled)
        .execute();
    return id;
  }

  SharedReportSchedulesRecord scheduleRow(UUID id) {
    return dsl.selectFrom(SHARED_REPORT_SCHEDULES)
        .where(SHARED_REPORT_SCHEDULES.ID.eq(id))
        .fetchOne();
  }

  SharedReportRunsRecord run(UUID id) {
    return dsl.selectFrom(SHARED_REPORT_RUNS).where(SHARED_REPORT_RUNS.ID.eq(id)).fetchOne();
  }

  void delete(UUID scheduleId) {
    dsl.update(SHARED_REPORT_SCHEDULES)
        .set(SHARED_REPORT_SCHEDULES.DELETED_AT, OffsetDateTime.now())
        .where(SHARED_REPORT_SCHEDULES.ID.eq(scheduleId))
        .execute();
  }
}
