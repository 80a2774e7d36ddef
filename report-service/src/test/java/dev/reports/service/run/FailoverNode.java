package dev.reports.service.run;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.reports.engine.EngineTestHooks;
import dev.reports.engine.ReportEngine;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FakeReportDefinitions;
import dev.reports.service.delivery.JooqDeliveryLog;
import dev.reports.service.report.VideosReport;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A cluster node in a JVM of its own, for the failover test: {@code url user cluster nodeId
 * scheduleId organizationId sharedLinkId users hangBefore} where {@code users} is {@code
 * id=email,...}. It runs the real run ledger, delivery runner and delivery log, and runs until
 * killed.
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
        node(
                dataSource,
                args[2],
                args[3],
                UUID.fromString(args[4]),
                UUID.fromString(args[5]),
                UUID.fromString(args[6]),
                args[7],
                args[8])
            .build();
    engine.start();
    System.out.println("node " + args[3] + " started");
    Thread.sleep(Long.MAX_VALUE);
  }

  /** A node of {@code cluster} whose email channel records sends in the shared table. */
  static ReportEngine.Builder node(
      DataSource dataSource,
      String cluster,
      String nodeId,
      UUID scheduleId,
      UUID organizationId,
      UUID sharedLinkId,
      String users,
      String hangBefore) {
    DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    FakeReportDefinitions definitions = new FakeReportDefinitions();
    definitions.put(
        new ReportDefinition(
            scheduleId,
            organizationId,
            new VideosReport(dsl, sharedLinkId),
            ZoneId.of("UTC"),
            Set.of(Channel.EMAIL)));
    FakeRecipientResolver recipients = new FakeRecipientResolver();
    for (String user : users.split(",")) {
      String[] idAndEmail = user.split("=");
      recipients.add(Recipient.email(UUID.fromString(idAndEmail[0]), idAndEmail[1]));
    }
    ReportEngine.Builder builder =
        ReportEngine.builder(dataSource)
            .schedulerName(cluster)
            .nodeId(nodeId)
            .threads(2)
            .reportDefinitions(definitions)
            .runLog(new JooqRunLog(dsl))
            .recipients(recipients)
            .deliveryLog(new JooqDeliveryLog(dsl))
            .channel(new TableChannel(dataSource, nodeId, hangBefore))
            .runLease(LEASE);
    EngineTestHooks.secondsInCron(builder);
    // the CSV exporter is another part's (issue 4); delivery is the product's own
    return EngineTestHooks.export(builder, TableChannel::export);
  }
}
