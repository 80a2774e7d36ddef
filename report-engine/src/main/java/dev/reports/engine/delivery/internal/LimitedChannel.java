package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.Alert;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.RateLimit;
import dev.reports.engine.delivery.RateLimiter;
import java.util.Optional;

/**
 * A host's channel held to the rate it declares: each send and alert holds a permit of the engine's
 * limiter from just before the channel is called until it returns, and the run's fence is checked
 * once the permit is held, so a node that stalled while waiting sends nothing.
 */
final class LimitedChannel implements DeliveryChannel {
  private final DeliveryChannel channel;
  private final RateLimit limit;
  private final RateLimiter limiter;
  private final String key;

  LimitedChannel(DeliveryChannel channel, RateLimiter limiter) {
    this.channel = channel;
    this.limit = channel.rateLimit().orElseThrow();
    this.limiter = limiter;
    this.key = "channel:" + channel.channel().code();
  }

  @Override
  public Channel channel() {
    return channel.channel();
  }

  @Override
  public String provider() {
    return channel.provider();
  }

  @Override
  public Optional<RateLimit> rateLimit() {
    return Optional.of(limit);
  }

  @Override
  public DeliveryReceipt send(Delivery delivery) {
    try (RateLimiter.Permit permit = limiter.acquire(key, limit)) {
      delivery.fence().check();
      return channel.send(delivery);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DeliveryException.retryable("interrupted", "interrupted before sending");
    }
  }

  @Override
  public DeliveryReceipt sendAlert(Alert alert) {
    try (RateLimiter.Permit permit = limiter.acquire(key, limit)) {
      return channel.sendAlert(alert);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DeliveryException.retryable("interrupted", "interrupted before sending");
    }
  }
}
