package dev.reports.engine.run.internal;

import dev.reports.engine.EngineSchema;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.testing.RunLogBehaviour;
import dev.reports.test.PostgresDatabase;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine's JDBC run ledger on PostgreSQL behaves as every run ledger does. */
class JdbcRunLogTest extends RunLogBehaviour {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @Override
  protected RunLog runLog() {
    return new JdbcRunLog(db.dataSource(), EngineSchema.defaults());
  }

  @Override
  protected UUID newSchedule() {
    // the engine's ledger keeps no schedules of the host's: any id will do
    return UUID.randomUUID();
  }
}
