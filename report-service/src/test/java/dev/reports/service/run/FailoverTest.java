package dev.reports.service.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reports.engine.ReportEngine;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.test.PostgresDatabase;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node in a JVM of its own is killed with SIGKILL in the middle of delivering a run; another node
 * recovers the run and completes it without sending anything twice.
 */
class FailoverTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  static List<String[]> sends() throws Exception {
    List<String[]> rows = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select recipient, node, idempotency_key from test_sends order by sent_at")) {
      while (rs.next()) {
        rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      }
    }
    return rows;
  }

  static Process startNode(
      String cluster,
      String nodeId,
      UUID scheduleId,
      RunTables tables,
      String users,
      String hangBefore)
      throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java.toString(),
            "-Xmx256m",
            "-cp",
            classpath,
            FailoverNode.class.getName(),
            db.url(),
            db.user(),
            cluster,
            nodeId,
            scheduleId.toString(),
            tables.organizationId.toString(),
            tables.sharedLinkId.toString(),
            users,
            hangBefore);
    pb.redirectErrorStream(true);
    pb.redirectOutput(new File("target/failover-" + nodeId + ".log"));
    return pb.start();
  }

  @Test
  void aRunCutOffBySigkillIsCompletedByAnotherNodeWithoutResending() throws Exception {
    TableChannel.createTable(db.dataSource());
    RunTables tables = new RunTables(db.dataSource());
    String users =
        String.join(
            ",",
            tables.user("alice@example.com") + "=alice@example.com",
            tables.user("bob@example.com") + "=bob@example.com",
            tables.user("carol@example.com") + "=carol@example.com");
    String cluster = "failover-" + UUID.randomUUID().toString().substring(0, 8);
    UUID scheduleId = tables.schedule(ScheduleSpec.daily(LocalTime.NOON, ZoneId.of("UTC")), true);

    // The survivor schedules the run (it does not fire: not started yet); only the doomed node is
    // up.
    Instant due = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
    LocalDateTime t = LocalDateTime.ofInstant(due, ZoneOffset.UTC);
    ScheduleSpec spec =
        ScheduleSpec.cron(
            t.getSecond() + " " + t.getMinute() + " " + t.getHour() + " * * *", ZoneId.of("UTC"));
    ReportEngine survivor =
        FailoverNode.node(
                db.dataSource(),
                cluster,
                "survivor",
                scheduleId,
                tables.organizationId,
                tables.sharedLinkId,
                users,
                "-")
            .build();
    survivor.schedule(new Schedule(scheduleId, spec, true));

    Process doomed = startNode(cluster, "doomed", scheduleId, tables, users, "bob@example.com");
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> sends().size() == 1);
      Thread.sleep(300); // the doomed node is now waiting before bob: kill it mid-run
      doomed.destroyForcibly().waitFor();
      assertThat(sends())
          .extracting(r -> r[0] + " by " + r[1])
          .containsExactly("alice@example.com by doomed");

      survivor.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> sends().size() >= 3);
      Thread.sleep(1_000);

      assertThat(sends())
          .extracting(r -> r[0] + " by " + r[1])
          .containsExactly(
              "alice@example.com by doomed",
              "bob@example.com by survivor",
              "carol@example.com by survivor");
      // bob's delivery is the one the doomed node had opened: same idempotency key, one row
      assertThat(sends()).extracting(r -> r[2]).doesNotHaveDuplicates();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !"running".equals(onlyRun(tables).getStatus()));
      var run = onlyRun(tables);
      assertThat(run.getStatus()).isEqualTo("succeeded");
      assertThat(run.getAttempts()).isEqualTo(2);
      assertThat(run.getNodeId()).isEqualTo("survivor");
      assertThat(run.getScheduledFor().toInstant()).isEqualTo(due);
      assertThat(tables.scheduleRow(scheduleId).getLastRunStatus()).isEqualTo("succeeded");
      var notifications =
          tables.dsl.selectFrom(dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS).fetch();
      assertThat(notifications)
          .hasSize(3)
          .allSatisfy(n -> assertThat(n.getStatus()).isEqualTo("sent"));
    } finally {
      doomed.destroyForcibly();
      survivor.stop(Duration.ofSeconds(5));
    }
  }

  private static dev.reports.jooq.tables.records.SharedReportRunsRecord onlyRun(RunTables tables) {
    return tables.dsl.selectFrom(dev.reports.jooq.Tables.SHARED_REPORT_RUNS).fetchSingle();
  }
}
