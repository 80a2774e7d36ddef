package dev.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.test.PostgresDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine's batched acquire and fire write Quartz's rows exactly as Quartz's own per-trigger
 * code does, so Quartz's recovery and cluster code can rely on them: compared while a run is in
 * progress and after it ended.
 */
class BatchedFiringTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @Test
  void aBatchedFireLeavesTheRowsQuartzsOwnFireLeaves() throws Exception {
    List<String> quartz = rowsOfOneFire(true);
    List<String> batched = rowsOfOneFire(false);

    assertThat(batched).isEqualTo(quartz);
    // and they say what they should: blocked and recorded as executing (recoverable) while it
    // runs, waiting for the next instant after
    assertThat(batched)
        .containsExactly(
            "running: trigger BLOCKED, previous = run's instant, next = previous + 10 s",
            "running: fired EXECUTING on a, job = schedule, sched_time = previous,"
                + " nonconcurrent true, recovery true",
            "ended: trigger WAITING, previous = run's instant, next = previous + 10 s",
            "ended: no fired record");
  }

  @Test
  void aScheduleSetAsideWhileItRunsIsLeftPausedByTheEndOfItsRunAsByQuartz() throws Exception {
    List<String> quartz = rowsOfOneFire(true, true);
    List<String> batched = rowsOfOneFire(false, true);

    assertThat(batched).isEqualTo(quartz);
    assertThat(batched)
        .startsWith(
            "running: trigger PAUSED_BLOCKED, previous = run's instant, next = previous + 10 s")
        .contains(
            "ended: trigger PAUSED, previous = run's instant, next = previous + 10 s",
            "ended: no fired record");
  }

  private List<String> rowsOfOneFire(boolean quartzFiring) throws Exception {
    return rowsOfOneFire(quartzFiring, false);
  }

  private List<String> rowsOfOneFire(boolean quartzFiring, boolean pauseWhileRunning)
      throws Exception {
    try (TestNodes nodes = new TestNodes(db.dataSource())) {
      nodes.steps.deliveryTakes(Duration.ofSeconds(2));
      ReportEngine.Builder builder = nodes.builder("a");
      if (quartzFiring) {
        EngineTestHooks.quartzFiring(builder);
      }
      ReportEngine engine = nodes.start(builder);
      Schedule s = nodes.schedule(ScheduleSpec.cron("*/10 * * * * *", ZoneId.of("UTC")));
      engine.schedule(s);

      await().atMost(Duration.ofSeconds(10)).until(() -> !nodes.steps.exports.isEmpty());
      long instant = nodes.runLog.claims().get(0).scheduledFor().toEpochMilli();
      if (pauseWhileRunning) {
        engine.pause(s.id());
      }
      List<String> rows = new ArrayList<>();
      rows.addAll(rows("running", nodes.cluster, s, instant));
      await().atMost(Duration.ofSeconds(10)).until(() -> nodes.runLog.results().size() == 1);
      // completion is recorded just after the run's result
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> rows("ended", nodes.cluster, s, instant).contains("ended: no fired record"));
      rows.addAll(rows("ended", nodes.cluster, s, instant));
      engine.unschedule(s.id());
      return rows;
    }
  }

  private static List<String> rows(String when, String cluster, Schedule s, long instant)
      throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "select trigger_state, prev_fire_time, next_fire_time from qrtz_triggers"
                  + " where sched_name = ? and job_name = ?")) {
        ps.setString(1, cluster);
        ps.setString(2, s.id().toString());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(
                when
                    + ": trigger "
                    + rs.getString(1)
                    + ", previous "
                    + (rs.getLong(2) == instant ? "= run's instant" : "= " + rs.getLong(2))
                    + ", next "
                    + (rs.getLong(3) == instant + 10_000
                        ? "= previous + 10 s"
                        : "= " + rs.getLong(3)));
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "select state, instance_name, job_name, sched_time, is_nonconcurrent,"
                  + " requests_recovery from qrtz_fired_triggers where sched_name = ?")) {
        ps.setString(1, cluster);
        try (ResultSet rs = ps.executeQuery()) {
          boolean any = false;
          while (rs.next()) {
            any = true;
            rows.add(
                when
                    + ": fired "
                    + rs.getString(1)
                    + " on "
                    + rs.getString(2)
                    + ", job "
                    + (s.id().toString().equals(rs.getString(3)) ? "= schedule" : rs.getString(3))
                    + ", sched_time "
                    + (rs.getLong(4) == instant ? "= previous" : "= " + rs.getLong(4))
                    + ", nonconcurrent "
                    + rs.getBoolean(5)
                    + ", recovery "
                    + rs.getBoolean(6));
          }
          if (!any) {
            rows.add(when + ": no fired record");
          }
        }
      }
    }
    return rows;
  }
}
