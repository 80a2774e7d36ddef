package dev.reports.engine.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code permits} requests in any window of length {@code per}, as the provider counts
 * them. A request occupies the window from the moment it is sent until its answer is back, so the
 * limit holds at the provider whatever the network delay.
 */
public record RateLimit(int permits, Duration per) {
  public RateLimit {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1");
    }
    Objects.requireNonNull(per, "per");
    if (per.isNegative()) {
      throw new IllegalArgumentException("per must not be negative");
    }
  }

  public static RateLimit of(int permits, Duration per) {
    return new RateLimit(permits, per);
  }

  public static RateLimit perSecond(int permits) {
    return new RateLimit(permits, Duration.ofSeconds(1));
  }
}
