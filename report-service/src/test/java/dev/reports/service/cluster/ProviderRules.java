package dev.reports.service.cluster;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a fake provider enforces besides its API: sliding-window rate limits per key (the bot, a
 * chat, the Loops team), as the provider counts them, and a share of injected faults. Thread-safe:
 * every node's requests pass through one instance.
 */
final class ProviderRules {
  /** The verdict on one request. */
  enum Verdict {
    ACCEPT,
    RATE_LIMITED,
    SERVER_ERROR,
    TOO_MANY_REQUESTS,
    NO_RESPONSE
  }

  record Limit(String name, int permits, Duration per) {}

  private final Map<String, Deque<Long>> windows = new ConcurrentHashMap<>();
  private final Random random;
  private final AtomicInteger rateLimited = new AtomicInteger();
  private final AtomicInteger faults = new AtomicInteger();
  private volatile double faultShare;
  private volatile boolean timeouts;

  ProviderRules(long seed) {
    this.random = new Random(seed);
  }

  /**
   * Answers this share of the requests that pass the limits with a 429, a 5xx or, when allowed, no
   * response.
   */
  ProviderRules faults(double share, boolean includingTimeouts) {
    this.faultShare = share;
    this.timeouts = includingTimeouts;
    return this;
  }

  /**
   * Counts one request against every limit; a request over any of them is refused and not counted,
   * as the providers do.
   */
  synchronized Verdict judge(Limit... limits) {
    long now = System.nanoTime();
    for (Limit limit : limits) {
      Deque<Long> window = windows.computeIfAbsent(limit.name(), k -> new ArrayDeque<>());
      long from = now - limit.per().toNanos();
      while (!window.isEmpty() && window.peekFirst() <= from) {
        window.pollFirst();
      }
      if (window.size() >= limit.permits()) {
        rateLimited.incrementAndGet();
        return Verdict.RATE_LIMITED;
      }
    }
    for (Limit limit : limits) {
      windows.get(limit.name()).addLast(now);
    }
    if (faultShare > 0 && random.nextDouble() < faultShare) {
      faults.incrementAndGet();
      int kinds = timeouts ? 3 : 2;
      return switch (random.nextInt(kinds)) {
        case 0 -> Verdict.TOO_MANY_REQUESTS;
        case 1 -> Verdict.SERVER_ERROR;
        default -> Verdict.NO_RESPONSE;
      };
    }
    return Verdict.ACCEPT;
  }

  /** Requests refused because they were over a limit: the senders' fault, not injected. */
  int rateLimited() {
    return rateLimited.get();
  }

  /** Faults injected on purpose. */
  int faults() {
    return faults.get();
  }
}
