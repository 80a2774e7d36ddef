package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.RateLimiter;

/** A channel that keeps its provider's rate limits; the engine hands it the cluster's limiter. */
public interface RateLimitedChannel extends DeliveryChannel {
  /** This channel with its limits kept by {@code limiter}. */
  DeliveryChannel withRateLimiter(RateLimiter limiter);

  /** Whether {@code channel} needs a limiter: a built-in one, or one that declares a rate. */
  static boolean needsLimiter(DeliveryChannel channel) {
    return channel instanceof RateLimitedChannel || channel.rateLimit().isPresent();
  }

  /**
   * {@code channel} with its limits kept by {@code limiter}: a built-in keeps its own (per bot, per
   * chat…); a host's channel that declares a {@link DeliveryChannel#rateLimit()} is held to it
   * under the key {@code channel:<key>}.
   */
  static DeliveryChannel keptBy(DeliveryChannel channel, RateLimiter limiter) {
    if (channel instanceof RateLimitedChannel keeper) {
      return keeper.withRateLimiter(limiter);
    }
    return channel.rateLimit().isPresent() ? new LimitedChannel(channel, limiter) : channel;
  }
}
