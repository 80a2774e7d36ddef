package dev.reports.engine.testing;

import dev.reports.engine.EngineSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/** Ends leases in the engine's run ledger at once, as if the node holding them had stalled. */
public final class EngineLeases {
  private EngineLeases() {}

  /** Lets the lease of run {@code runId} in {@code schema}'s run table run out a minute ago. */
  public static void expire(DataSource dataSource, EngineSchema schema, UUID runId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "update "
                    + schema.table("report_engine_runs")
                    + " set lease_expires_at = ? where id = ?")) {
      update.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
      update.setObject(2, runId);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("no run " + runId + " in the engine's run ledger");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot expire the lease of run " + runId, e);
    }
  }
}
