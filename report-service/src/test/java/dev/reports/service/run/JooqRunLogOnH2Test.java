package dev.reports.service.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunResult;
import dev.reports.engine.run.RunStatus;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.service.Database;
import dev.reports.service.config.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run ledger works on dev mode's H2 (PostgreSQL mode) too. */
class JooqRunLogOnH2Test {
  @TempDir Path dir;

  @Test
  void claimTakeOverRenewAndFinishWorkOnH2() throws Exception {
    try (Database h2 = Database.open(DatabaseSettings.h2(dir.resolve("reports")))) {
      RunTables tables = new RunTables(h2.dsl());
      JooqRunLog runLog = new JooqRunLog(h2.dsl());
      UUID scheduleId =
          tables.schedule(ScheduleSpec.daily(LocalTime.of(9, 0), ZoneId.of("Europe/Berlin")), true);
      Instant instant = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      Run candidate = new Run(UUID.randomUUID(), scheduleId, instant, RunKind.SCHEDULED, 1);

      Run first = runLog.claim(candidate, "a", Duration.ofMillis(300)).orElseThrow();
      assertThat(runLog.claim(candidate, "b", Duration.ofSeconds(30))).isEmpty();
      assertThat(runLog.renew(first, Duration.ofMillis(300))).isTrue();
      Thread.sleep(600);
      Run second = runLog.claim(candidate, "b", Duration.ofSeconds(30)).orElseThrow();
      assertThat(second.attempt()).isEqualTo(2);
      assertThat(runLog.renew(first, Duration.ofSeconds(30))).isFalse();

      runLog.finish(
          second,
          new RunResult(
              RunStatus.SUCCEEDED,
              Instant.now(),
              1L,
              10L,
              "ab",
              Optional.empty(),
              Optional.of(instant.plusSeconds(86_400))));
      assertThat(tables.run(first.id()).getStatus()).isEqualTo("succeeded");
      assertThat(tables.scheduleRow(scheduleId).getLastRunStatus()).isEqualTo("succeeded");
      assertThat(runLog.claim(candidate, "c", Duration.ofSeconds(30))).isEmpty();
    }
  }
}
