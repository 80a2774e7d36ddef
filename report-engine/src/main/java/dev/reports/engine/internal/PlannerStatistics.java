package dev.reports.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PostgreSQL's planner statistics of Quartz's tables current when many schedules are stored
 * at once.
 *
 * <p>Until autovacuum analyzes a freshly filled table, the planner takes every index to match about
 * one row and may read a primary-key lookup through an index on (scheduler, state), filtering all
 * rows: measured, 10,000 schedules created and due a minute later fired at 97/s, and at 435/s once
 * analyzed. So the tables are analyzed at start and after every {@value #CHANGES_BEFORE_ANALYZE}
 * stored triggers, in the background, one analysis at a time. A role that may not analyze them only
 * loses the speed-up (logged once).
 */
final class PlannerStatistics implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);
  static final int CHANGES_BEFORE_ANALYZE = 500;

  private final DataSource dataSource;
  private final String tables;
  private final AtomicInteger changes = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean warned = new AtomicBoolean();
  private final ExecutorService background;

  /** For PostgreSQL; {@code null} for other databases, where it does nothing. */
  static PlannerStatistics of(
      DataSource dataSource, boolean postgres, String quartzTablePrefix, String nodeId) {
    return new PlannerStatistics(postgres ? dataSource : null, quartzTablePrefix, nodeId);
  }

  private PlannerStatistics(DataSource dataSource, String prefix, String nodeId) {
    this.dataSource = dataSource;
    this.tables =
        String.join(
            ", ",
            prefix + "TRIGGERS",
            prefix + "SIMPROP_TRIGGERS",
            prefix + "JOB_DETAILS",
            prefix + "FIRED_TRIGGERS");
    this.background =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "reports-statistics-" + nodeId);
              t.setDaemon(true);
              return t;
            });
  }

  /** Records that a trigger was stored; analyzes in the background now and then. */
  void triggerStored() {
    if (dataSource == null || changes.incrementAndGet() < CHANGES_BEFORE_ANALYZE) {
      return;
    }
    if (running.compareAndSet(false, true)) {
      changes.set(0);
      background.execute(
          () -> {
            try {
              analyze();
            } finally {
              running.set(false);
            }
          });
    }
  }

  /** Analyzes the tables now. */
  void analyze() {
    if (dataSource == null) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("analyze " + tables);
    } catch (SQLException e) {
      if (warned.compareAndSet(false, true)) {
        log.warn("could not analyze the scheduler's tables ({}); continuing", e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    background.shutdownNow();
  }
}
