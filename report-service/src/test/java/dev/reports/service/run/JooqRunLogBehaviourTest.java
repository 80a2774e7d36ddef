package dev.reports.service.run;

import dev.reports.engine.run.RunLog;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.RunLogBehaviour;
import dev.reports.test.PostgresDatabase;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service's run ledger in shared_report_runs behaves as every run ledger does. */
class JooqRunLogBehaviourTest extends RunLogBehaviour {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @Override
  protected RunLog runLog() {
    return new JooqRunLog(new RunTables(db.dataSource()).dsl);
  }

  @Override
  protected UUID newSchedule() {
    return new RunTables(db.dataSource())
        .schedule(ScheduleSpec.daily(LocalTime.of(9, 0), ZoneId.of("Europe/Berlin")), true);
  }
}
