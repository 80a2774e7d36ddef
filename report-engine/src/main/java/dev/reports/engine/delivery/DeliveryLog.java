package dev.reports.engine.delivery;

import java.util.Map;
import java.util.UUID;

/** The delivery log: one row per recipient per run, opened before sending, completed after. */
public interface DeliveryLog {
  /**
   * Opens the {@code pending} row of (run, channel, recipient), or returns the row that already
   * exists for them (a recovered run sees what was already sent).
   */
  DeliveryRecord open(
      UUID runId,
      UUID scheduleId,
      UUID organizationId,
      Channel channel,
      Recipient recipient,
      Map<String, Object> payload);

  /**
   * Completes a row as {@code sent}, {@code failed} or {@code skipped}, with its final payload;
   * also sets a row that failed in an earlier attempt back to {@code pending} before it is sent
   * again.
   */
  void complete(UUID deliveryId, DeliveryStatus status, Map<String, Object> payload);
}
