package dev.reports.engine.delivery;

import dev.reports.engine.run.Run;
import java.util.Map;
import java.util.UUID;

/**
 * The delivery log: one row per (run, channel, recipient key), opened before sending, completed
 * after. Failure alerts get rows of their own ({@link DeliveryEntry#alert}).
 *
 * <p>Every write is fenced by the run's attempt number ({@link Run#attempt()}): it is made only
 * while that attempt is still the run ledger's, atomically with that check, and otherwise refused
 * with {@link dev.reports.engine.run.RunFencedException} (a node that stalled past its lease and
 * was replaced records nothing more for the run).
 */
public interface DeliveryLog {
  /**
   * Opens the {@code pending} row of {@code entry} in {@code run} with {@code payload}, or returns
   * the row that already exists (a recovered run sees what was already sent).
   */
  DeliveryRecord open(Run run, DeliveryEntry entry, Map<String, Object> payload);

  /**
   * Completes a row of {@code run} as {@code sent}, {@code failed} or {@code skipped}, with its
   * final payload; also sets a row that failed in an earlier attempt back to {@code pending} before
   * it is sent again. A {@code sent} row is never changed.
   */
  void complete(Run run, UUID deliveryId, DeliveryStatus status, Map<String, Object> payload);
}
