package dev.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reports.engine.run.Run;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.FakeRunLog;
import dev.reports.test.PostgresDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three nodes on one database: thousands of triggers due at once each fire exactly once. */
class ClusterTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  static final int SCHEDULES = 2_000;

  @Test
  void thousandsOfSimultaneousTriggersFireExactlyOnceSpreadAcrossNodes() throws Exception {
    try (TestNodes nodes = new TestNodes(db.dataSource(), db.url(), db.user())) {
      List<ReportEngine> engines = new ArrayList<>();
      for (String node : List.of("node-1", "node-2", "node-3")) {
        engines.add(nodes.start(nodes.builder(node, nodes.poolFor(node, 12)).threads(12)));
      }
      Instant due =
          Instant.now().plusSeconds(45).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      LocalDateTime t = LocalDateTime.ofInstant(due, ZoneOffset.UTC);
      ScheduleSpec spec =
          ScheduleSpec.cron(
              t.getSecond() + " " + t.getMinute() + " " + t.getHour() + " * * *", ZoneId.of("UTC"));
      List<Schedule> schedules = new ArrayList<>();
      for (int i = 0; i < SCHEDULES; i++) {
        schedules.add(nodes.schedule(spec));
      }
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < schedules.size(); i++) {
        ReportEngine via = engines.get(i % engines.size());
        Schedule s = schedules.get(i);
        done.add(pool.submit(() -> via.schedule(s)));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertThat(Instant.now()).as("scheduling took too long for this test").isBefore(due);

      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> nodes.runLog.results().size() >= SCHEDULES);
      Thread.sleep(2_000); // let any duplicate fire show up

      FakeRunLog log = nodes.runLog;
      Map<String, Long> firesPerRun =
          log.claimCalls().stream()
              .collect(
                  Collectors.groupingBy(
                      r -> r.scheduleId() + "@" + r.scheduledFor(), Collectors.counting()));
      assertThat(firesPerRun).hasSize(SCHEDULES);
      assertThat(firesPerRun.values()).allMatch(n -> n == 1);
      assertThat(log.claims()).extracting(Run::scheduledFor).containsOnly(due);
      assertThat(nodes.steps.deliveries).hasSize(SCHEDULES);
      Map<String, Long> perNode =
          log.claimsWithNodes().stream()
              .collect(Collectors.groupingBy(FakeRunLog.Claim::nodeId, Collectors.counting()));
      assertThat(perNode).hasSizeGreaterThanOrEqualTo(2);
      Instant last =
          nodes.steps.exports.stream()
              .map(RecordingSteps.Export::at)
              .max(Instant::compareTo)
              .orElseThrow();
      System.out.printf(
          "cluster: %d fired exactly once, last %s after the instant, per node %s%n",
          SCHEDULES, Duration.between(due, last), perNode);
      assertThat(perNode.values()).allMatch(n -> n >= SCHEDULES / 10);
      assertThat(log.claims())
          .extracting(Run::scheduleId)
          .containsExactlyInAnyOrderElementsOf(schedules.stream().map(Schedule::id).toList());
    }
  }
}
