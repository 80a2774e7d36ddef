package dev.reports.examples.shop;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the engine's run ledger and delivery log tables (their default names, no prefix). */
final class DeliveryLogTable {
  /** One row of the delivery log. */
  record Row(String channel, String recipient, String status, String payload) {}

  private final DataSource dataSource;

  DeliveryLogTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Waits until the run's ledger row says it finished; throws when it did not in time. */
  void awaitFinished(UUID runId, Duration timeout) throws SQLException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (status(runId) == null) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("run " + runId + " did not finish within " + timeout);
      }
      Thread.sleep(200); // an example's main may poll; the engine itself never does
    }
  }

  /** The run's final status, or null while it is still running. */
  String status(UUID runId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select status from report_engine_runs where id = ? and finished_at is not null")) {
      q.setObject(1, runId);
      try (ResultSet r = q.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  List<Row> rows(UUID runId) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select channel, recipient_key, status, payload from report_engine_deliveries"
                    + " where run_id = ? order by channel, recipient_key")) {
      q.setObject(1, runId);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          rows.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
        }
      }
    }
    return rows;
  }

  void print(UUID runId, PrintStream out) throws SQLException {
    out.println("run " + runId + ": " + status(runId));
    for (Row row : rows(runId)) {
      out.printf(
          "  %-8s %-40s %-7s %s%n", row.channel(), row.recipient(), row.status(), row.payload());
    }
  }
}
