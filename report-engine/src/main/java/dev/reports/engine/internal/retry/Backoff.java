package dev.reports.engine.internal.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * Pauses between tries: {@code first} after the first failure, multiplied by {@code multiplier}
 * after each next one, capped at {@code max}, then stretched or shrunk at random by up to {@code
 * jitter} (a fraction, 0 to 1) so that many failures at once do not retry in step.
 */
public record Backoff(Duration first, Duration max, double multiplier, double jitter) {
  public Backoff {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 <= first <= max");
    }
    if (multiplier < 1) {
      throw new IllegalArgumentException("multiplier must be at least 1");
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be between 0 and 1");
    }
  }

  /** Doubling from {@code first} up to {@code max}, no jitter. */
  public static Backoff exponential(Duration first, Duration max) {
    return new Backoff(first, max, 2, 0);
  }

  /** The same pause every time. */
  public static Backoff fixed(Duration pause) {
    return new Backoff(pause, pause, 1, 0);
  }

  public Backoff withJitter(double jitter) {
    return new Backoff(first, max, multiplier, jitter);
  }

  /**
   * The pause after {@code failures} failures in a row (1 or more); {@code random} is uniform in
   * [0, 1): 0.5 gives the pause without jitter.
   */
  public Duration pause(int failures, double random) {
    double base = first.toNanos() * Math.pow(multiplier, Math.max(0, failures - 1));
    double capped = Math.min(base, max.toNanos());
    double spread = jitter * (2 * random - 1);
    return Duration.ofNanos((long) (capped * (1 + spread)));
  }
}
