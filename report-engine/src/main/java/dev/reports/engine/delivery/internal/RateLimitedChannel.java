package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.RateLimiter;

/** A channel that keeps its provider's rate limits; the engine hands it the cluster's limiter. */
public interface RateLimitedChannel extends DeliveryChannel {
  /** This channel with its limits kept by {@code limiter}. */
  DeliveryChannel withRateLimiter(RateLimiter limiter);
}
