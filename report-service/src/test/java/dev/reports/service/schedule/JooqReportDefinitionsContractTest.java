package dev.reports.service.schedule;

import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;

import dev.reports.engine.report.ReportDefinitions;
import dev.reports.engine.testing.contract.ReportDefinitionsContract;
import dev.reports.service.testing.TestData;
import dev.reports.test.PostgresDatabase;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service's report definitions keep the engine's report definitions contract, on PostgreSQL.
 */
class JooqReportDefinitionsContractTest extends ReportDefinitionsContract {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private DSLContext dsl;
  private TestData.Org org;

  @Override
  protected ReportDefinitions reportDefinitions() {
    dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    org = new TestData(dsl).org("Org " + UUID.randomUUID());
    return new JooqReportDefinitions(dsl);
  }

  @Override
  protected UUID createSchedule() {
    UUID id = UUID.randomUUID();
    dsl.insertInto(SHARED_REPORT_SCHEDULES)
        .set(SHARED_REPORT_SCHEDULES.ID, id)
        .set(SHARED_REPORT_SCHEDULES.ORGANIZATION_ID, org.id())
        .set(SHARED_REPORT_SCHEDULES.SHARED_LINK_ID, org.link())
        .set(SHARED_REPORT_SCHEDULES.CRON_EXPRESSION, "0 8 * * *")
        .set(SHARED_REPORT_SCHEDULES.TIMEZONE, "Asia/Kathmandu")
        .set(SHARED_REPORT_SCHEDULES.SEND_EMAIL, true)
        .execute();
    return id;
  }

  @Override
  protected void deleteSchedule(UUID id) {
    dsl.update(SHARED_REPORT_SCHEDULES)
        .set(SHARED_REPORT_SCHEDULES.DELETED_AT, OffsetDateTime.now())
        .where(SHARED_REPORT_SCHEDULES.ID.eq(id))
        .execute();
  }
}
