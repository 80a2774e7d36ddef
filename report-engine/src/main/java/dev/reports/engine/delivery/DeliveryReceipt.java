package dev.reports.engine.delivery;

import java.util.Map;

/**
 * What a provider said when it accepted a delivery.
 *
 * @param provider {@code loops}, {@code telegram}, {@code outbox}…
 * @param providerMessageId the provider's id for the message, when it gives one
 * @param details more facts worth keeping in the delivery log (file sent, compression…)
 */
public record DeliveryReceipt(
    String provider, String providerMessageId, Map<String, Object> details) {
  public DeliveryReceipt {
    details = Map.copyOf(details);
  }
}
