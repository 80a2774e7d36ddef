package dev.reports.service.run;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import javax.sql.DataSource;

/**
 * An email channel for cross-JVM tests that records every accepted send in a table all nodes see
 * (the provider's view: what was really delivered), and can hang before one recipient so that a
 * test can kill the node in the middle of a run.
 */
final class TableChannel implements DeliveryChannel {
  private final DataSource dataSource;
  private final String node;
  private final String hangBefore;

  TableChannel(DataSource dataSource, String node, String hangBefore) {
    this.dataSource = dataSource;
    this.node = node;
    this.hangBefore = hangBefore;
  }

  static void createTable(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          "create table if not exists test_sends (run_id uuid not null, recipient text not null,"
              + " node text not null, idempotency_key text not null,"
              + " sent_at timestamptz not null default clock_timestamp())");
    }
  }

  /** A one-line report file, standing in for the CSV export. */
  static ReportFile export(ReportRequest request) {
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
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public DeliveryReceipt send(Delivery delivery) {
    String recipient = delivery.recipient().address();
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
                "insert into test_sends (run_id, recipient, node, idempotency_key)"
                    + " values (?, ?, ?, ?)")) {
      ps.setObject(1, delivery.runId());
      ps.setString(2, recipient);
      ps.setString(3, node);
      ps.setString(4, delivery.idempotencyKey());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new DeliveryReceipt("table", node + ":" + recipient, Map.of());
  }
}
