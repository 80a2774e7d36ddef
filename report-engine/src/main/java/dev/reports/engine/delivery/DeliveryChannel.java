package dev.reports.engine.delivery;

import java.util.Optional;

/**
 * Sends report files over one channel: the built-in Loops email, Telegram and outbox ({@link
 * DeliveryChannels}), or a host's own, registered with {@code ReportEngine.Builder.channel}.
 *
 * <p>A channel sends one file to one recipient address and says whether a failure is worth
 * retrying; the engine does the rest, the same for every channel: it opens the delivery-log row
 * before calling {@link #send} and completes it after, retries a {@link
 * DeliveryException#retryable() retryable} failure with backoff (no sooner than its {@link
 * DeliveryException#retryAfter()}), fails a permanent one at once, holds the channel to its {@link
 * #rateLimit()} across the cluster, passes an idempotency key stable for (run, recipient), and
 * checks that this node still holds the run right before each call. Any other exception a channel
 * throws is a permanent failure.
 */
public interface DeliveryChannel {
  /** The channel this sends on. */
  Channel channel();

  /**
   * Sends {@code delivery.file()} to {@code delivery.recipient().address()}; returns once the
   * provider accepted it, or throws {@link DeliveryException}. A channel that waits inside this
   * method before its request goes out (its own rate limits, a slow connect) calls {@code
   * delivery.fence().check()} again as its last step, and lets what it throws pass.
   */
  DeliveryReceipt send(Delivery delivery);

  /**
   * Sends a failure alert (a short text, no file); returns once the provider accepted it, or throws
   * {@link DeliveryException}. By default a channel cannot send alerts and says so by throwing.
   */
  default DeliveryReceipt sendAlert(Alert alert) {
    throw DeliveryException.permanent(
        "unsupported", "the " + provider() + " channel cannot send alerts");
  }

  /**
   * The provider's name recorded in the delivery log ({@code loops}, {@code telegram}…); by default
   * the channel's key.
   */
  default String provider() {
    return channel().code();
  }

  /**
   * The rate this channel's sends are held to, across every node of the engine's cluster (its
   * {@link RateLimiter}), alerts included; by default none.
   */
  default Optional<RateLimit> rateLimit() {
    return Optional.empty();
  }
}
