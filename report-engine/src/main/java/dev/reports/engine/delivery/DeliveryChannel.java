package dev.reports.engine.delivery;

/** Sends report files over one channel (Loops email, Telegram, an outbox folder…). */
public interface DeliveryChannel {
  /** The channel this sends on. */
  Channel channel();

  /**
   * Sends one delivery; returns once the provider accepted it, or throws {@link DeliveryException}.
   * Calls {@code delivery.fence().check()} as its last step before the request goes to the provider
   * (after any wait for rate-limit permits), and lets what it throws pass.
   */
  DeliveryReceipt send(Delivery delivery);

  /**
   * Sends a failure alert (a short text, no file); returns once the provider accepted it, or throws
   * {@link DeliveryException}. A channel that cannot send alerts says so by throwing.
   */
  default DeliveryReceipt sendAlert(Alert alert) {
    throw new DeliveryException(
        "unsupported", "the " + provider() + " channel cannot send alerts", true, null);
  }

  /** The provider's name recorded in the delivery log ({@code loops}, {@code telegram}…). */
  default String provider() {
    return channel().code();
  }
}
