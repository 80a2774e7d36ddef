package dev.reports.service.run;

import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;

import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.contract.RunLogContract;
import dev.reports.test.PostgresDatabase;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service's run ledger keeps every rule of the engine's run log contract, on PostgreSQL. */
class JooqRunLogContractTest extends RunLogContract {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private RunTables tables;

  @Override
  protected RunLog runLog() {
    tables = new RunTables(db.dataSource());
    return new JooqRunLog(tables.dsl);
  }

  @Override
  protected UUID scheduleId() {
    return tables.schedule(
        ScheduleSpec.daily(LocalTime.of(9, 0), ZoneId.of("Europe/Berlin")), true);
  }

  @Override
  protected void expireLease(Run run) {
    tables
        .dsl
        .update(SHARED_REPORT_RUNS)
        .set(SHARED_REPORT_RUNS.LEASE_EXPIRES_AT, OffsetDateTime.now().minusMinutes(1))
        .where(SHARED_REPORT_RUNS.ID.eq(run.id()))
        .execute();
  }
}
