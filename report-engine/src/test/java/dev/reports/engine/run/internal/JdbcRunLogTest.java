package dev.reports.engine.run.internal;

import dev.reports.engine.EngineSchema;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.testing.EngineLeases;
import dev.reports.engine.testing.contract.RunLogContract;
import dev.reports.test.PostgresDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine's JDBC run ledger keeps every rule of the run log contract on PostgreSQL; it keeps no
 * schedules of the host's, so any schedule id will do.
 */
class JdbcRunLogTest extends RunLogContract {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @Override
  protected RunLog runLog() {
    return new JdbcRunLog(db.dataSource(), EngineSchema.defaults());
  }

  @Override
  protected void expireLease(Run run) {
    EngineLeases.expire(db.dataSource(), EngineSchema.defaults(), run.id());
  }
}
