package dev.reports.engine.delivery;

import java.util.Map;
import java.util.UUID;

/** The delivery log: one row per recipient per run, opened before sending, completed after. */
public interface DeliveryLog {
  /** What the recipient key of an alert's row starts with. */
  String ALERT_KEY_PREFIX = "alert:";

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
   * Opens the {@code pending} row of the failure alert of (run, channel, recipient), or returns the
   * one that exists, as {@link #open} does; the row is told apart from the report's delivery to the
   * same recipient (its key is {@value #ALERT_KEY_PREFIX} and the recipient's key), so each gets
   * one. A log that cannot record alerts throws, and then no alert is sent.
   */
  default DeliveryRecord openAlert(
      UUID runId,
      UUID scheduleId,
      UUID organizationId,
      Channel channel,
      Recipient recipient,
      Map<String, Object> payload) {
    throw new UnsupportedOperationException("this delivery log does not record alerts");
  }

  /**
   * Completes a row as {@code sent}, {@code failed} or {@code skipped}, with its final payload;
   * also sets a row that failed in an earlier attempt back to {@code pending} before it is sent
   * again.
   */
  void complete(UUID deliveryId, DeliveryStatus status, Map<String, Object> payload);
}
