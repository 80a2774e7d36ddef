package dev.reports.engine.testing;

import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleCatalog;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.contract.ScheduleCatalogContract;
import java.util.UUID;

class FakeScheduleCatalogContractTest extends ScheduleCatalogContract {
  private final FakeScheduleCatalog catalog = new FakeScheduleCatalog();

  @Override
  protected ScheduleCatalog scheduleCatalog() {
    return catalog;
  }

  @Override
  protected UUID createSchedule(ScheduleSpec spec, boolean enabled) {
    UUID id = UUID.randomUUID();
    catalog.put(new Schedule(id, spec, enabled));
    return id;
  }

  @Override
  protected void deleteSchedule(UUID id) {
    catalog.remove(id);
  }
}
