package dev.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunStatus;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.test.PostgresDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine is stopped across several instants and started again. */
class MissedRunTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @Test
  void withinTheGraceWindowOnlyTheLatestMissedInstantRunsOnce() throws Exception {
    try (TestNodes nodes = new TestNodes(db.dataSource())) {
      ReportEngine first = nodes.start(nodes.builder("a").missedRunGrace(Duration.ofSeconds(30)));
      Schedule s = nodes.everySeconds(2);
      first.schedule(s);
      await().atMost(Duration.ofSeconds(10)).until(() -> nodes.runLog.results().size() >= 1);
      first.stop(Duration.ofSeconds(5));
      Instant stoppedAt = Instant.now();
      Instant lastBefore =
          nodes.runLog.claims().stream()
              .map(Run::scheduledFor)
              .max(Instant::compareTo)
              .orElseThrow();

      Thread.sleep(7_000); // three or four instants pass with no node up

      Instant restartedAt = Instant.now();
      nodes.start(nodes.builder("a").missedRunGrace(Duration.ofSeconds(30)));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  nodes.runLog.claims().stream()
                      .anyMatch(r -> r.scheduledFor().isAfter(restartedAt.plusSeconds(2))));

      List<Run> caughtUp =
          nodes.runLog.claims().stream()
              .filter(r -> r.scheduledFor().isAfter(lastBefore))
              .filter(r -> !r.scheduledFor().isAfter(restartedAt))
              .toList();
      assertThat(caughtUp).hasSize(1);
      Run missed = caughtUp.get(0);
      assertThat(missed.kind()).isEqualTo(RunKind.SCHEDULED);
      assertThat(missed.scheduledFor()).isAfter(stoppedAt.plusSeconds(4));
      assertThat(nodes.runLog.result(missed.id()).orElseThrow().status())
          .isEqualTo(RunStatus.SUCCEEDED);
      assertThat(nodes.steps.exports)
          .filteredOn(e -> e.request().runId().equals(missed.id()))
          .singleElement()
          .satisfies(e -> assertThat(e.request().asOf()).isEqualTo(missed.scheduledFor()));
    }
  }

  @Test
  void beyondTheGraceWindowTheMissedInstantIsRecordedAndTheNextOneRuns() throws Exception {
    try (TestNodes nodes = new TestNodes(db.dataSource())) {
      ReportEngine.Builder withShortGrace =
          nodes.builder("a").missedRunGrace(Duration.ofSeconds(1));
      ReportEngine first = nodes.start(withShortGrace);
      Schedule s =
          nodes.schedule(ScheduleSpec.cron("*/10 * * * * *", ZoneId.of("America/New_York")));
      first.schedule(s);
      first.stop(Duration.ofSeconds(5));

      // restart between 3 and 6 seconds after an instant: the instant is missed by more than 1 s
      Instant now = Instant.now();
      long intoTen = now.toEpochMilli() % 10_000;
      long wait = intoTen < 3_000 ? 3_000 - intoTen + 10_000 : 13_000 - intoTen + 10_000;
      Thread.sleep(wait);
      nodes.start(nodes.builder("a").missedRunGrace(Duration.ofSeconds(1)));

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  nodes.runLog.claims().stream().anyMatch(r -> r.kind() == RunKind.MISSED)
                      && nodes.runLog.claims().stream()
                          .anyMatch(r -> r.kind() == RunKind.SCHEDULED));
      List<Run> claims = nodes.runLog.claims();
      assertThat(claims).filteredOn(r -> r.kind() == RunKind.MISSED).hasSize(1);
      Run missed =
          claims.stream().filter(r -> r.kind() == RunKind.MISSED).findFirst().orElseThrow();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> nodes.runLog.result(missed.id()).isPresent());
      assertThat(nodes.runLog.result(missed.id()).orElseThrow().status())
          .isEqualTo(RunStatus.SKIPPED_MISSED);
      assertThat(nodes.runLog.result(missed.id()).orElseThrow().error())
          .get()
          .asString()
          .startsWith("missed");
      assertThat(nodes.steps.exports).noneMatch(e -> e.request().runId().equals(missed.id()));
      Run next =
          claims.stream().filter(r -> r.kind() == RunKind.SCHEDULED).findFirst().orElseThrow();
      assertThat(next.scheduledFor()).isEqualTo(missed.scheduledFor().plusSeconds(10));
    }
  }
}
