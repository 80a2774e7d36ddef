package dev.reports.service.health;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ready when a connection can be taken from the pool and the database answers on it now. */
public final class DatabaseCheck implements ReadinessCheck {
  private static final Logger log = LoggerFactory.getLogger(DatabaseCheck.class);
  private final DataSource dataSource;

  public DatabaseCheck(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public String name() {
    return "database";
  }

  @Override
  public Status check() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2) ? Status.up() : Status.down("the database does not answer");
    } catch (SQLException e) {
      // the probe's answer is public: the reason goes to the log only
      log.debug("Database readiness check failed", e);
      return Status.down("cannot connect (" + e.getClass().getSimpleName() + ")");
    }
  }
}
