package dev.reports.engine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDefinitions;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link ReportDefinitions} keeps, as tests: extend it, say how to make the port
 * under test and how the host stores and deletes a schedule, and every test must pass. A run finds
 * its schedule gone through an empty answer, and then sends nothing.
 */
public abstract class ReportDefinitionsContract {
  private ReportDefinitions definitions;

  /** The port under test. Called once before each test. */
  protected abstract ReportDefinitions reportDefinitions();

  /** Stores a new schedule of the host, with a report and at least one channel; returns its id. */
  protected abstract UUID createSchedule();

  /** Deletes the host's schedule as the host does (a soft delete is a delete). */
  protected abstract void deleteSchedule(UUID id);

  @BeforeEach
  void setUpReportDefinitionsContract() {
    definitions = reportDefinitions();
  }

  @Test
  void aStoredScheduleHasTheDefinitionOfThatSchedule() {
    UUID id = createSchedule();

    ReportDefinition definition = definitions.find(id).orElseThrow();

    assertThat(definition.scheduleId()).isEqualTo(id);
    assertThat(definition.zone()).isNotNull();
    assertThat(definition.channels()).isNotEmpty();
  }

  @Test
  void aDeletedScheduleHasNoDefinition() {
    UUID id = createSchedule();

    deleteSchedule(id);

    assertThat(definitions.find(id)).isEmpty();
  }

  @Test
  void anUnknownScheduleHasNoDefinition() {
    assertThat(definitions.find(UUID.randomUUID())).isEmpty();
  }
}
