package dev.reports.engine.delivery.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.engine.EngineSchema;
import dev.reports.engine.ReportEngineException;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryEntry;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.internal.Sql;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunFencedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's own delivery log, in plain JDBC on its {@code report_engine_deliveries} table: one
 * row per (run, channel, recipient key), made unique by the database, so a recovered run or a
 * second node finds the row already there. The key is the {@link DeliveryEntry}'s: an alert's
 * starts {@value DeliveryEntry#ALERT_PREFIX}, and "no recipients at all" is {@value
 * DeliveryEntry#NOBODY}.
 *
 * <p>Every write is fenced against the engine's run ledger ({@code report_engine_runs}, written by
 * {@link dev.reports.engine.run.internal.JdbcRunLog}): in the same transaction it first locks the
 * run's row and checks that its attempt is still the writer's. A takeover updates that row, so it
 * waits for a write in progress, and every write after it is refused.
 */
public final class JdbcDeliveryLog implements DeliveryLog {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcDeliveryLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final Sql sql;
  private final String runs;
  private final String deliveries;

  public JdbcDeliveryLog(DataSource dataSource, EngineSchema schema) {
    this.sql = new Sql(dataSource);
    this.runs = schema.table("report_engine_runs");
    this.deliveries = schema.table("report_engine_deliveries");
  }

  @Override
  public DeliveryRecord open(Run run, DeliveryEntry entry, Map<String, Object> payload) {
    return open(run, entry.organizationId(), entry.channel(), entry.key(), payload);
  }

  private DeliveryRecord open(
      Run run, UUID organizationId, Channel channel, String key, Map<String, Object> payload) {
    String json = json(payload);
    return sql.transaction(
        "open the delivery of run " + run.id(),
        c -> {
          fence(c, run);
          try (PreparedStatement insert =
              c.prepareStatement(
                  "insert into "
                      + deliveries
                      + " (id, run_id, schedule_id, organization_id, channel, recipient_key,"
                      + " status, payload, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?,"
                      + " current_timestamp, current_timestamp) on conflict do nothing")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, run.id());
            insert.setObject(3, run.scheduleId());
            insert.setObject(4, organizationId);
            insert.setString(5, channel.code());
            insert.setString(6, key);
            insert.setString(7, DeliveryStatus.PENDING.code());
            insert.setString(8, json);
            insert.executeUpdate();
          }
          try (PreparedStatement select =
              c.prepareStatement(
                  "select id, status, payload from "
                      + deliveries
                      + " where run_id = ? and channel = ? and recipient_key = ?")) {
            select.setObject(1, run.id());
            select.setString(2, channel.code());
            select.setString(3, key);
            try (ResultSet rs = select.executeQuery()) {
              rs.next();
              return new DeliveryRecord(
                  rs.getObject(1, UUID.class),
                  run.id(),
                  channel,
                  key,
                  DeliveryStatus.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                  map(rs.getString(3)));
            }
          }
        });
  }

  @Override
  public void complete(
      Run run, UUID deliveryId, DeliveryStatus status, Map<String, Object> payload) {
    String json = json(payload);
    sql.transaction(
        "complete delivery " + deliveryId,
        c -> {
          fence(c, run);
          // a sent row stays sent: nothing may turn a delivery the provider accepted into another
          int updated;
          try (PreparedStatement update =
              c.prepareStatement(
                  "update "
                      + deliveries
                      + " set status = ?, payload = ?, updated_at = current_timestamp"
                      + " where id = ? and status <> ?")) {
            update.setString(1, status.code());
            update.setString(2, json);
            update.setObject(3, deliveryId);
            update.setString(4, DeliveryStatus.SENT.code());
            updated = update.executeUpdate();
          }
          if (updated == 0) {
            if (!exists(c, deliveryId)) {
              throw new ReportEngineException("no delivery row " + deliveryId);
            }
            LOG.warn("Delivery {} is already sent; not marking it {}", deliveryId, status.code());
          }
          return null;
        });
  }

  /**
   * Locks the run's ledger row (a takeover, which updates it, waits until this transaction ends)
   * and refuses the write when a later attempt holds the run.
   */
  private void fence(Connection c, Run run) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("select attempts from " + runs + " where id = ?" + sql.lockForFence())) {
      select.setObject(1, run.id());
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw new ReportEngineException("no run " + run.id() + " in the run ledger");
        }
        int attempts = rs.getInt(1);
        if (attempts != run.attempt()) {
          LOG.warn(
              "Run {}: a delivery-log write of attempt {} is refused, attempt {} holds the run",
              run.id(),
              run.attempt(),
              attempts);
          throw RunFencedException.takenOver(run);
        }
      }
    }
  }

  private boolean exists(Connection c, UUID deliveryId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("select 1 from " + deliveries + " where id = ?")) {
      select.setObject(1, deliveryId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static String json(Map<String, Object> payload) {
    try {
      return JSON.writeValueAsString(payload == null ? Map.of() : payload);
    } catch (JsonProcessingException e) {
      throw new ReportEngineException("delivery payload is not JSON: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> map(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new ReportEngineException("delivery payload is not JSON: " + e.getMessage(), e);
    }
  }
}
