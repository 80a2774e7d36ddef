package dev.reports.engine.run.internal;

import dev.reports.engine.EngineSchema;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.testing.EngineLeases;
import dev.reports.engine.testing.H2Database;
import dev.reports.engine.testing.contract.RunLogContract;
import javax.sql.DataSource;

/**
 * The engine's JDBC run ledger keeps the run log contract on H2 (PostgreSQL mode) too; here behind
 * a table prefix, as a host that wants one has its tables.
 */
class JdbcRunLogOnH2Test extends RunLogContract {
  private static final EngineSchema SCHEMA = EngineSchema.withPrefix("eng_");
  private static final DataSource H2 = H2Database.migrated(SCHEMA);

  @Override
  protected RunLog runLog() {
    return new JdbcRunLog(H2, SCHEMA);
  }

  @Override
  protected void expireLease(Run run) {
    EngineLeases.expire(H2, SCHEMA, run.id());
  }
}
