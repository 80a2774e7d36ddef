package dev.reports.service.run;

import dev.reports.engine.EngineTestHooks;
import dev.reports.engine.delivery.internal.DeliveryOutcome;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.run.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;

/**
 * Run steps for cross-JVM tests: "delivers" to three recipients in turn, recording each send in a
 * table every node sees, and skipping recipients already sent for the run (as the delivery log lets
 * a recovered run do). It can hang before one recipient, so a test can kill the node mid-run.
 */
final class TableDeliverySteps implements EngineTestHooks.Steps {
  static final List<String> RECIPIENTS = List.of("alice", "bob", "carol");

  private final DataSource dataSource;
  private final String node;
  private final String hangBefore;

  TableDeliverySteps(DataSource dataSource, String node, String hangBefore) {
    this.dataSource = dataSource;
    this.node = node;
    this.hangBefore = hangBefore;
  }

  static void createTable(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          "create table if not exists test_sends (run_id uuid not null, recipient text not null,"
              + " node text not null, attempt int not null, sent_at timestamptz not null default"
              + " clock_timestamp())");
    }
  }

  @Override
  public ReportFile export(ReportRequest request) {
    try {
      Path file = Files.createTempFile("failover", ".csv");
      Files.writeString(file, "title\n");
      return new ReportFile(
          file, "test.csv", new ReportDescription("Test", "test"), LocalDate.now(), 0, 6, "00");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public DeliveryOutcome deliver(ReportDefinition definition, Run run, ReportFile file) {
    int sent = 0;
    for (String recipient : RECIPIENTS) {
      if (alreadySent(run, recipient)) {
        continue;
      }
      if (recipient.equals(hangBefore)) {
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted");
        }
      }
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "insert into test_sends (run_id, recipient, node, attempt) values (?, ?, ?, ?)")) {
        ps.setObject(1, run.id());
        ps.setString(2, recipient);
        ps.setString(3, node);
        ps.setInt(4, run.attempt());
        ps.executeUpdate();
        sent++;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    return new DeliveryOutcome(sent, 0);
  }

  private boolean alreadySent(Run run, String recipient) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("select 1 from test_sends where run_id = ? and recipient = ?")) {
      ps.setObject(1, run.id());
      ps.setString(2, recipient);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
