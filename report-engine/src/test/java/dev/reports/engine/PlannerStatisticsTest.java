package dev.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.test.PostgresDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scheduler's tables get planner statistics at start and after many schedules at once. */
class PlannerStatisticsTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @Test
  void startingAnalyzesTheSchedulerTablesAndManyNewSchedulesAnalyzeThemAgain() throws Exception {
    try (TestNodes nodes = new TestNodes(db.dataSource())) {
      ReportEngine engine = nodes.start(nodes.builder("a"));
      // Statistics reach pg_stat_user_tables within a second or so.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> analyzed("qrtz_triggers") == 1 && analyzed("qrtz_simprop_triggers") == 1);

      ScheduleSpec daily = ScheduleSpec.cron("0 0 9 * * *", ZoneId.of("UTC"));
      for (int i = 0; i < 500; i++) {
        engine.schedule(nodes.schedule(daily));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> analyzed("qrtz_triggers") == 2);
      // The planner now knows the table: a lookup of one trigger finds it through an index on
      // its key instead of filtering every trigger of the scheduler.
      try (Connection c = db.dataSource().getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "explain select * from qrtz_triggers t where (sched_name, trigger_name,"
                      + " trigger_group) = (select sched_name, trigger_name, trigger_group"
                      + " from qrtz_triggers limit 1)")) {
        StringBuilder plan = new StringBuilder();
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
        assertThat(plan).containsPattern("Index Cond: .*trigger_name").doesNotContain("Filter");
      }
    }
  }

  private static long analyzed(String table) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select analyze_count from pg_stat_user_tables where relname = '" + table + "'")) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }
}
