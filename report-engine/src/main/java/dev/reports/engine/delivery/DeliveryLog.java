package dev.reports.engine.delivery;

import dev.reports.engine.run.Run;
import java.util.Map;
import java.util.UUID;

/**
 * The delivery log: one row per recipient per run, opened before sending, completed after.
 *
 * <p>Every write is fenced by the run's attempt number ({@link Run#attempt()}): it is made only
 * while that attempt is still the run ledger's, atomically with that check, and otherwise refused
 * with {@link dev.reports.engine.run.RunFencedException} (a node that stalled past its lease and
 * was replaced records nothing more for the run).
 */
public interface DeliveryLog {
  /** What the recipient key of an alert's row starts with. */
  String ALERT_KEY_PREFIX = "alert:";

  /**
   * Opens the {@code pending} row of (run, channel, recipient), or returns the row that already
   * exists for them (a recovered run sees what was already sent).
   */
  DeliveryRecord open(
      Run run,
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
      Run run,
      UUID organizationId,
      Channel channel,
      Recipient recipient,
      Map<String, Object> payload) {
    throw new UnsupportedOperationException("this delivery log does not record alerts");
  }

  /**
   * Completes a row of {@code run} as {@code sent}, {@code failed} or {@code skipped}, with its
   * final payload; also sets a row that failed in an earlier attempt back to {@code pending} before
   * it is sent again.
   */
  void complete(Run run, UUID deliveryId, DeliveryStatus status, Map<String, Object> payload);
}
