package dev.reports.service.delivery;

import static dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS;
import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.engine.ReportEngineException;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryEntry;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunFencedException;
import dev.reports.jooq.tables.records.SharedReportNotificationsRecord;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery log in {@code shared_report_notifications}: one row per (run, channel, recipient),
 * made unique by the database, so a recovered run or a second node finds the row already there. A
 * failure alert gets a row of its own, its recipient key prefixed {@code alert:} and its payload's
 * {@code kind} {@code alert}.
 *
 * <p>Every write is fenced: in the same transaction it first locks the run's ledger row and checks
 * that the run's {@code attempts} is still the writer's attempt. A takeover ({@link
 * dev.reports.service.run.JooqRunLog#claim}) updates that row, so it waits for a write in progress,
 * and every write after it is refused: a node replaced while it stalled records nothing more.
 */
public final class JooqDeliveryLog implements DeliveryLog {
  /** The recipient key of the row recording that a channel had no recipients at all. */
  public static final String NO_RECIPIENT = DeliveryEntry.NOBODY;

  private static final Logger LOG = LoggerFactory.getLogger(JooqDeliveryLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final DSLContext db;

  public JooqDeliveryLog(DSLContext db) {
    this.db = db;
  }

  /**
   * Opens the row of {@code entry}; the user and the chat columns are filled from the recipient of
   * the service's channels (an email recipient keyed {@code user:<id>}, a Telegram chat).
   */
  @Override
  public DeliveryRecord open(Run run, DeliveryEntry entry, Map<String, Object> payload) {
    return db.transactionResult(
        cfg -> {
          DSLContext tx = cfg.dsl();
          fence(tx, run);
          return open(tx, run, entry, payload);
        });
  }

  private static DeliveryRecord open(
      DSLContext db, Run run, DeliveryEntry entry, Map<String, Object> payload) {
    UUID runId = run.id();
    String channel = entry.channel().code();
    var n = SHARED_REPORT_NOTIFICATIONS;
    db.insertInto(n)
        .set(n.ID, UUID.randomUUID())
        .set(n.SCHEDULE_ID, run.scheduleId())
        .set(n.RUN_ID, runId)
        .set(n.ORGANIZATION_ID, entry.organizationId())
        .set(n.CHANNEL, channel)
        .set(n.RECIPIENT_USER_ID, entry.recipient().map(ServiceRecipients::userId).orElse(null))
        .set(n.TELEGRAM_CHAT_ID, entry.recipient().map(ServiceRecipients::chatId).orElse(null))
        .set(n.RECIPIENT_KEY, entry.key())
        .set(n.STATUS, DeliveryStatus.PENDING.code())
        .set(n.PAYLOAD, json(payload))
        .onConflict(n.RUN_ID, n.CHANNEL, n.RECIPIENT_KEY)
        .doNothing()
        .execute();
    SharedReportNotificationsRecord row =
        db.selectFrom(n)
            .where(n.RUN_ID.eq(runId), n.CHANNEL.eq(channel), n.RECIPIENT_KEY.eq(entry.key()))
            .fetchSingle();
    return record(row);
  }

  @Override
  public void complete(
      Run run, UUID deliveryId, DeliveryStatus status, Map<String, Object> payload) {
    db.transaction(
        cfg -> {
          DSLContext tx = cfg.dsl();
          fence(tx, run);
          complete(tx, deliveryId, status, payload);
        });
  }

  /**
   * Locks the run's ledger row (a takeover, which updates it, waits until this transaction ends)
   * and refuses the write when a later attempt holds the run.
   */
  private static void fence(DSLContext tx, Run run) {
    var r = SHARED_REPORT_RUNS;
    var select = tx.select(r.ATTEMPTS).from(r).where(r.ID.eq(run.id()));
    // PostgreSQL: a share lock lets a run's channels write side by side; H2 knows only FOR UPDATE
    Integer attempts =
        (tx.dialect().family() == SQLDialect.POSTGRES ? select.forShare() : select.forUpdate())
            .fetchOne(r.ATTEMPTS);
    if (attempts == null) {
      throw new ReportEngineException("no run " + run.id() + " in the run ledger");
    }
    if (attempts != run.attempt()) {
      LOG.warn(
          "Run {}: a delivery-log write of attempt {} is refused, attempt {} holds the run",
          run.id(),
          run.attempt(),
          attempts);
      throw RunFencedException.takenOver(run);
    }
  }

  private static void complete(
      DSLContext db, UUID deliveryId, DeliveryStatus status, Map<String, Object> payload) {
    var n = SHARED_REPORT_NOTIFICATIONS;
    // a sent row stays sent: nothing may turn a delivery the provider accepted into anything else
    int updated =
        db.update(n)
            .set(n.STATUS, status.code())
            .set(n.PAYLOAD, json(payload))
            .set(n.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(n.ID.eq(deliveryId))
            .and(n.STATUS.ne(DeliveryStatus.SENT.code()))
            .execute();
    if (updated == 0) {
      if (!db.fetchExists(n, n.ID.eq(deliveryId))) {
        throw new ReportEngineException("no delivery row " + deliveryId);
      }
      LOG.warn("Delivery {} is already sent; not marking it {}", deliveryId, status.code());
    }
  }

  private static DeliveryRecord record(SharedReportNotificationsRecord row) {
    return new DeliveryRecord(
        row.getId(),
        row.getRunId(),
        Channel.fromCode(row.getChannel()),
        row.getRecipientKey(),
        DeliveryStatus.valueOf(row.getStatus().toUpperCase(Locale.ROOT)),
        map(row.getPayload()));
  }

  private static JSONB json(Map<String, Object> payload) {
    try {
      return JSONB.valueOf(JSON.writeValueAsString(payload));
    } catch (JsonProcessingException e) {
      throw new ReportEngineException("delivery payload is not JSON: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> map(JSONB json) {
    if (json == null || json.data() == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json.data(), MAP);
    } catch (JsonProcessingException e) {
      throw new ReportEngineException("delivery payload is not JSON: " + e.getMessage(), e);
    }
  }
}
