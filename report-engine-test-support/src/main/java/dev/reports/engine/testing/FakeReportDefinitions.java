package dev.reports.engine.testing;

import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDefinitions;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link ReportDefinitions}: put the definitions the test's schedules report. */
public final class FakeReportDefinitions implements ReportDefinitions {
  private final Map<UUID, ReportDefinition> definitions = new ConcurrentHashMap<>();

  public FakeReportDefinitions put(ReportDefinition definition) {
    definitions.put(definition.scheduleId(), definition);
    return this;
  }

  public void remove(UUID scheduleId) {
    definitions.remove(scheduleId);
  }

  @Override
  public Optional<ReportDefinition> find(UUID scheduleId) {
    return Optional.ofNullable(definitions.get(scheduleId));
  }
}
