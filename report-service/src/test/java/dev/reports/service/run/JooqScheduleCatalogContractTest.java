package dev.reports.service.run;

import dev.reports.engine.schedule.ScheduleCatalog;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.contract.ScheduleCatalogContract;
import dev.reports.test.PostgresDatabase;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service's schedule catalog keeps the engine's schedule catalog contract, on PostgreSQL. */
class JooqScheduleCatalogContractTest extends ScheduleCatalogContract {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private RunTables tables;

  @Override
  protected ScheduleCatalog scheduleCatalog() {
    tables = new RunTables(db.dataSource());
    return new JooqScheduleCatalog(tables.dsl);
  }

  @Override
  protected UUID createSchedule(ScheduleSpec spec, boolean enabled) {
    return tables.schedule(spec, enabled);
  }

  @Override
  protected void deleteSchedule(UUID id) {
    tables.delete(id);
  }
}
