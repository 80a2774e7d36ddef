package dev.reports.engine.testing;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDefinitions;
import dev.reports.engine.testing.contract.ReportDefinitionsContract;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

class FakeReportDefinitionsContractTest extends ReportDefinitionsContract {
  private final FakeReportDefinitions definitions = new FakeReportDefinitions();

  @Override
  protected ReportDefinitions reportDefinitions() {
    return definitions;
  }

  @Override
  protected UUID createSchedule() {
    UUID id = UUID.randomUUID();
    definitions.put(
        new ReportDefinition(
            id,
            UUID.randomUUID(),
            new FakeReport(),
            ZoneId.of("Europe/Berlin"),
            Set.of(Channel.EMAIL)));
    return id;
  }

  @Override
  protected void deleteSchedule(UUID id) {
    definitions.remove(id);
  }
}
