package dev.reports.engine.run.internal;

import dev.reports.engine.EngineSchema;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.testing.H2Database;
import dev.reports.engine.testing.RunLogBehaviour;
import java.util.UUID;
import javax.sql.DataSource;

/** The engine's JDBC run ledger on H2 (PostgreSQL mode) behaves as every run ledger does. */
class JdbcRunLogOnH2Test extends RunLogBehaviour {
  private static final DataSource H2 = H2Database.migrated(EngineSchema.defaults());

  @Override
  protected RunLog runLog() {
    return new JdbcRunLog(H2, EngineSchema.defaults());
  }

  @Override
  protected UUID newSchedule() {
    return UUID.randomUUID();
  }
}
