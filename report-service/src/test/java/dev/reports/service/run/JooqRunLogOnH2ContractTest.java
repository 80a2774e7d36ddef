package dev.reports.service.run;

import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;

import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.contract.RunLogContract;
import dev.reports.service.Database;
import dev.reports.service.config.DatabaseSettings;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The service's run ledger keeps the run log contract on dev mode's H2 too. */
class JooqRunLogOnH2ContractTest extends RunLogContract {
  @TempDir static Path dir;
  private static Database h2;

  private RunTables tables;

  @BeforeAll
  static void open() {
    h2 = Database.open(DatabaseSettings.h2(dir.resolve("reports")));
  }

  @AfterAll
  static void close() {
    h2.close();
  }

  @Override
  protected RunLog runLog() {
    tables = new RunTables(h2.dsl());
    return new JooqRunLog(h2.dsl());
  }

  @Override
  protected UUID scheduleId() {
    return tables.schedule(
        ScheduleSpec.daily(LocalTime.of(9, 0), ZoneId.of("Europe/Berlin")), true);
  }

  @Override
  protected void expireLease(Run run) {
    h2.dsl()
        .update(SHARED_REPORT_RUNS)
        .set(SHARED_REPORT_RUNS.LEASE_EXPIRES_AT, OffsetDateTime.now().minusMinutes(1))
        .where(SHARED_REPORT_RUNS.ID.eq(run.id()))
        .execute();
  }
}
