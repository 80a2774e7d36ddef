package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.RateLimit;
import dev.reports.engine.delivery.RateLimiter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link LocalRateLimiter} per key and limit, in this JVM's memory: two channels of one bot, or
 * of one Loops team, share one budget.
 */
public final class LocalRateLimiters implements RateLimiter {
  /** The limiters every thread of this JVM shares. */
  public static final LocalRateLimiters JVM = new LocalRateLimiters();

  private static final int EVICT_ABOVE = 10_000;

  private final Map<String, LocalRateLimiter> limiters = new ConcurrentHashMap<>();

  LocalRateLimiters() {}

  @Override
  public RateLimiter.Permit acquire(String key, RateLimit limit) throws InterruptedException {
    return limiter(key, limit).acquire();
  }

  LocalRateLimiter limiter(String key, RateLimit limit) {
    if (limiters.size() > EVICT_ABOVE) {
      limiters.values().removeIf(LocalRateLimiter::idle);
    }
    return limiters.computeIfAbsent(
        key + "|" + limit.permits() + "/" + limit.per().toNanos(),
        k -> new LocalRateLimiter(limit));
  }
}
