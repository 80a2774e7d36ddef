package dev.reports.service.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reports.engine.EngineTestHooks;
import dev.reports.engine.ReportEngine;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.FakeReport;
import dev.reports.engine.testing.FakeReportDefinitions;
import dev.reports.service.Database;
import dev.reports.service.config.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dev mode runs the engine on H2 (PostgreSQL mode) with the same Quartz tables. */
class EngineOnH2Test {
  @TempDir Path dir;

  @Test
  void schedulesFireAndRunsAreRecordedOnH2() {
    try (Database h2 = Database.open(DatabaseSettings.h2(dir.resolve("reports")))) {
      RunTables tables = new RunTables(h2.dsl());
      ScheduleSpec spec = ScheduleSpec.cron("*/1 * * * * *", ZoneId.of("Europe/Berlin"));
      UUID scheduleId = tables.schedule(ScheduleSpec.cron("0 9 * * *", spec.zone()), true);
      FakeReportDefinitions definitions = new FakeReportDefinitions();
      definitions.put(
          new ReportDefinition(
              scheduleId,
              tables.organizationId,
              new FakeReport(),
              spec.zone(),
              Set.of(Channel.EMAIL)));
      ReportEngine.Builder builder =
          ReportEngine.builder(h2.dataSource())
              .nodeId("dev")
              .threads(2)
              .minimumInterval(Duration.ofSeconds(1))
              .reportDefinitions(definitions)
              .runLog(new JooqRunLog(h2.dsl()))
              .scheduleCatalog(new JooqScheduleCatalog(h2.dsl()));
      EngineTestHooks.secondsInCron(builder);
      EngineTestHooks.steps(builder, new BenchmarkNode.NoWork());
      try (ReportEngine engine = builder.build()) {
        engine.start();
        engine.schedule(new Schedule(scheduleId, spec, true));
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> "succeeded".equals(tables.scheduleRow(scheduleId).getLastRunStatus()));
        assertThat(tables.scheduleRow(scheduleId).getNextRunAt()).isNotNull();
        // the catalog's spec (daily 09:00) differs from the trigger's: the reconciler repairs it,
        // once. Its compare-and-set yields to Quartz's own update of the trigger row when the fire
        // completes, which can come just after the run's end was recorded: ask until it has run.
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.reconcile() == 1);
        assertThat(engine.reconcile()).isZero();
        assertThat(engine.upcoming(scheduleId, 1))
            .isEqualTo(engine.upcoming(ScheduleSpec.cron("0 9 * * *", spec.zone()), 1));
      }
    }
  }
}
