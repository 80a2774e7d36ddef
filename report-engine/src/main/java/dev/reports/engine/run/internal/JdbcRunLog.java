package dev.reports.engine.run.internal;

import dev.reports.engine.EngineSchema;
import dev.reports.engine.internal.Sql;
import dev.reports.engine.run.FailureStreak;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.run.RunResult;
import dev.reports.engine.run.RunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's own run ledger, in plain JDBC on its {@code report_engine_runs} table (and a
 * schedule's last run and failures in a row in {@code report_engine_schedules}): the unique
 * (schedule, instant, manual key) makes a second claim of an instant a no-op, a lease renewed by
 * the running node lets another node take over the run of a node that died (its attempt, the
 * fencing token, increased), and every write of an attempt checks that it is still the ledger's.
 * Leases are measured on the database's clock, so nodes' clocks need not agree.
 */
public final class JdbcRunLog implements RunLog {
  private static final Logger log = LoggerFactory.getLogger(JdbcRunLog.class);
  private static final String RUNNING = RunStatus.RUNNING.code();

  private final Sql sql;
  private final String runs;
  private final String schedules;

  public JdbcRunLog(DataSource dataSource, EngineSchema schema) {
    this.sql = new Sql(dataSource);
    this.runs = schema.table("report_engine_runs");
    this.schedules = schema.table("report_engine_schedules");
  }

  @Override
  public Optional<Run> claim(Run candidate, String nodeId, Duration lease) {
    return sql.transaction(
        "claim run " + candidate.id(),
        c -> {
          int inserted;
          try (PreparedStatement insert =
              c.prepareStatement(
                  "insert into "
                      + runs
                      + " (id, schedule_id, scheduled_for, manual_key, kind, status, node_id,"
                      + " attempts, started_at, lease_expires_at) values (?, ?, ?, ?, ?, ?, ?, 1,"
                      + " current_timestamp, "
                      + sql.nowPlusMillis()
                      + ") on conflict do nothing")) {
            insert.setObject(1, candidate.id());
            insert.setObject(2, candidate.scheduleId());
            insert.setObject(3, Sql.utc(candidate.scheduledFor()));
            insert.setString(4, candidate.manualKey());
            insert.setString(5, code(candidate.kind()));
            insert.setString(6, RUNNING);
            insert.setString(7, nodeId);
            insert.setLong(8, lease.toMillis());
            inserted = insert.executeUpdate();
          }
          if (inserted == 1) {
            return Optional.of(
                new Run(
                    candidate.id(),
                    candidate.scheduleId(),
                    candidate.scheduledFor(),
                    candidate.kind(),
                    1));
          }
          return takeOver(c, candidate, nodeId, lease);
        });
  }

  /**
   * Someone claimed this instant: take it over only if it is unfinished and its lease expired, i.e.
   * the node running it stopped renewing (died, or lost the database for a whole lease).
   */
  private Optional<Run> takeOver(Connection c, Run candidate, String nodeId, Duration lease)
      throws SQLException {
    UUID id;
    String kind;
    int attempts;
    try (PreparedStatement select =
        c.prepareStatement(
            "select id, kind, attempts from "
                + runs
                + " where schedule_id = ? and scheduled_for = ? and manual_key = ? and status = ?"
                + " and (lease_expires_at is null or lease_expires_at < current_timestamp)"
                + " for update")) {
      select.setObject(1, candidate.scheduleId());
      select.setObject(2, Sql.utc(candidate.scheduledFor()));
      select.setString(3, candidate.manualKey());
      select.setString(4, RUNNING);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        id = rs.getObject(1, UUID.class);
        kind = rs.getString(2);
        attempts = rs.getInt(3) + 1;
      }
    }
    try (PreparedStatement update =
        c.prepareStatement(
            "update "
                + runs
                + " set attempts = ?, node_id = ?, lease_expires_at = "
                + sql.nowPlusMillis()
                + " where id = ?")) {
      update.setInt(1, attempts);
      update.setString(2, nodeId);
      update.setLong(3, lease.toMillis());
      update.setObject(4, id);
      update.executeUpdate();
    }
    log.info(
        "node {} takes over run {} of schedule {} at {} (attempt {})",
        nodeId,
        id,
        candidate.scheduleId(),
        candidate.scheduledFor(),
        attempts);
    return Optional.of(
        new Run(
            id,
            candidate.scheduleId(),
            candidate.scheduledFor(),
            RunKind.valueOf(kind.toUpperCase(Locale.ROOT)),
            attempts));
  }

  @Override
  public boolean renew(Run run, Duration lease) {
    return sql.transaction(
        "renew run " + run.id(),
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "update "
                      + runs
                      + " set lease_expires_at = "
                      + sql.nowPlusMillis()
                      + " where id = ? and attempts = ? and status = ?")) {
            update.setLong(1, lease.toMillis());
            update.setObject(2, run.id());
            update.setInt(3, run.attempt());
            update.setString(4, RUNNING);
            return update.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void finish(Run run, RunResult result) {
    finish(run, result, 0, null);
  }

  /**
   * Records the end and, in the same transaction (holding the schedule's row lock), its failed runs
   * in a row: a failed or partially failed run adds one, a succeeded run resets the count, a
   * skipped run leaves it. The schedule is paused when the count reaches {@code pauseAfter}, and
   * again each further {@code pauseAfter} failures in a row (a schedule resumed while still
   * failing). Empty when the end was not recorded.
   */
  @Override
  public Optional<FailureStreak> finish(
      Run run, RunResult result, int pauseAfter, String pauseReason) {
    String status = result.status().code();
    return sql.transaction(
        "record the end of run " + run.id(),
        c -> {
          int updated;
          try (PreparedStatement update =
              c.prepareStatement(
                  "update "
                      + runs
                      + " set status = ?, finished_at = ?, row_count = ?, byte_size = ?,"
                      + " sha256 = ?, error = ?, lease_expires_at = null"
                      + " where id = ? and attempts = ? and status = ?")) {
            update.setString(1, status);
            update.setObject(2, Sql.utc(result.finishedAt()));
            setLong(update, 3, result.rows());
            setLong(update, 4, result.bytes());
            update.setString(5, result.sha256());
            update.setString(6, result.error().orElse(null));
            update.setObject(7, run.id());
            update.setInt(8, run.attempt());
            update.setString(9, RUNNING);
            updated = update.executeUpdate();
          }
          if (updated == 0) {
            log.warn(
                "run {} (attempt {}) was taken over or already finished; its end as {} is not"
                    + " recorded",
                run.id(),
                run.attempt(),
                status);
            return Optional.<FailureStreak>empty();
          }
          return Optional.of(recordOnSchedule(c, run, result, pauseAfter, pauseReason));
        });
  }

  private FailureStreak recordOnSchedule(
      Connection c, Run run, RunResult result, int pauseAfter, String pauseReason)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into " + schedules + " (schedule_id) values (?) on conflict do nothing")) {
      insert.setObject(1, run.scheduleId());
      insert.executeUpdate();
    }
    OffsetDateTime lastRunAt;
    String lastStatus;
    int count;
    try (PreparedStatement select =
        c.prepareStatement(
            "select last_run_at, last_run_status, consecutive_failures from "
                + schedules
                + " where schedule_id = ? for update")) {
      select.setObject(1, run.scheduleId());
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        lastRunAt = rs.getObject(1, OffsetDateTime.class);
        lastStatus = rs.getString(2);
        count = rs.getInt(3);
      }
    }
    RunStatus status = result.status();
    boolean failed = status.isFailure();
    if (status == RunStatus.SUCCEEDED) {
      count = 0;
    } else if (failed) {
      count++;
    }
    boolean pause = failed && pauseAfter > 0 && count >= pauseAfter && count % pauseAfter == 0;
    // A run that ends after a later one (a recovered old instant) does not overwrite it.
    OffsetDateTime instant = Sql.utc(run.scheduledFor());
    boolean latest = lastRunAt == null || !lastRunAt.toInstant().isAfter(run.scheduledFor());
    Instant next = pause ? null : result.nextRunAt().orElse(null);
    try (PreparedStatement update =
        c.prepareStatement(
            "update "
                + schedules
                + " set last_run_at = ?, last_run_status = ?, next_run_at = ?,"
                + " consecutive_failures = ?, paused_reason = coalesce(?, paused_reason)"
                + " where schedule_id = ?")) {
      update.setObject(1, latest ? instant : lastRunAt);
      update.setString(2, latest ? status.code() : lastStatus);
      update.setObject(3, Sql.utc(next));
      update.setInt(4, count);
      update.setString(5, pause ? pauseReason : null);
      update.setObject(6, run.scheduleId());
      update.executeUpdate();
    }
    if (pause) {
      log.warn(
          "schedule {} failed {} runs in a row and is paused: {}",
          run.scheduleId(),
          count,
          pauseReason);
    }
    return status == RunStatus.SUCCEEDED ? FailureStreak.none() : new FailureStreak(count, pause);
  }

  private static void setLong(PreparedStatement st, int index, Long value) throws SQLException {
    if (value == null) {
      st.setNull(index, Types.BIGINT);
    } else {
      st.setLong(index, value);
    }
  }

  private static String code(RunKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
