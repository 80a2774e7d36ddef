package dev.reports.service.run;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.reports.engine.EngineTestHooks;
import dev.reports.engine.ReportEngine;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.testing.FakeReportDefinitions;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A cluster node in a JVM of its own, for the failover test: {@code url user cluster nodeId
 * scheduleId hangBefore}. It runs until killed.
 */
public final class FailoverNode {
  static final Duration LEASE = Duration.ofSeconds(4);

  private FailoverNode() {}

  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setUsername(args[1]);
    config.setMaximumPoolSize(8);
    HikariDataSource dataSource = new HikariDataSource(config);
    ReportEngine engine =
        node(dataSource, args[2], args[3], UUID.fromString(args[4]), args[5]).build();
    engine.start();
    System.out.println("node " + args[3] + " started");
    Thread.sleep(Long.MAX_VALUE);
  }

  /** A node of {@code cluster} whose run steps record sends in the shared table. */
  static ReportEngine.Builder node(
      javax.sql.DataSource dataSource,
      String cluster,
      String nodeId,
      UUID scheduleId,
      String hangBefore) {
    FakeReportDefinitions definitions = new FakeReportDefinitions();
    definitions.put(
        new ReportDefinition(
            scheduleId,
            UUID.randomUUID(),
            UUID.randomUUID(),
            ZoneId.of("UTC"),
            Set.of(Channel.EMAIL)));
    ReportEngine.Builder builder =
        ReportEngine.builder(dataSource)
            .schedulerName(cluster)
            .nodeId(nodeId)
            .threads(2)
            .reportDefinitions(definitions)
            .runLog(new JooqRunLog(DSL.using(dataSource, SQLDialect.POSTGRES)))
            .runLease(LEASE);
    EngineTestHooks.secondsInCron(builder);
    return EngineTestHooks.steps(
        builder,
        new TableDeliverySteps(dataSource, nodeId, "-".equals(hangBefore) ? null : hangBefore));
  }
}
