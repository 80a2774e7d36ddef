package dev.reports.engine.testing;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.Recipient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory {@link DeliveryLog}, unique per (run, channel, recipient) like the database's, with the
 * failure alerts' rows apart from the reports'.
 */
public final class FakeDeliveryLog implements DeliveryLog {
  private final Map<String, UUID> byKey = new ConcurrentHashMap<>();
  private final Map<UUID, DeliveryRecord> rows = new ConcurrentHashMap<>();

  @Override
  public synchronized DeliveryRecord open(
      UUID runId,
      UUID scheduleId,
      UUID organizationId,
      Channel channel,
      Recipient recipient,
      Map<String, Object> payload) {
    return open(runId, channel, recipient, recipient == null ? "none" : recipient.key(), payload);
  }

  @Override
  public synchronized DeliveryRecord openAlert(
      UUID runId,
      UUID scheduleId,
      UUID organizationId,
      Channel channel,
      Recipient recipient,
      Map<String, Object> payload) {
    return open(runId, channel, recipient, ALERT_KEY_PREFIX + recipient.key(), payload);
  }

  private DeliveryRecord open(
      UUID runId,
      Channel channel,
      Recipient recipient,
      String recipientKey,
      Map<String, Object> payload) {
    String key = runId + "|" + channel + "|" + recipientKey;
    UUID existing = byKey.get(key);
    if (existing != null) {
      return rows.get(existing);
    }
    DeliveryRecord row =
        new DeliveryRecord(
            UUID.randomUUID(),
            runId,
            channel,
            recipient,
            DeliveryStatus.PENDING,
            Map.copyOf(payload));
    byKey.put(key, row.id());
    rows.put(row.id(), row);
    return row;
  }

  @Override
  public synchronized void complete(
      UUID deliveryId, DeliveryStatus status, Map<String, Object> payload) {
    DeliveryRecord row = rows.get(deliveryId);
    rows.put(
        deliveryId,
        new DeliveryRecord(
            row.id(), row.runId(), row.channel(), row.recipient(), status, Map.copyOf(payload)));
  }

  /** Every row of this run. */
  public List<DeliveryRecord> forRun(UUID runId) {
    return rows.values().stream().filter(r -> r.runId().equals(runId)).toList();
  }

  public List<DeliveryRecord> all() {
    return List.copyOf(rows.values());
  }
}
