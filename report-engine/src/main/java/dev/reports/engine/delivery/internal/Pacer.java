package dev.reports.engine.delivery.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Spaces calls at least {@code interval} apart: a provider's rate limit is kept before it bites,
 * not learned from its 429s. Pacers are shared by key across every thread of the JVM, so two
 * channels of one bot (or one Loops team) share one budget.
 */
final class Pacer {
  private static final Map<String, Pacer> SHARED = new ConcurrentHashMap<>();
  private static final int EVICT_ABOVE = 10_000;

  private final long intervalNanos;
  private long nextSlot;

  private Pacer(Duration interval) {
    this.intervalNanos = Math.max(0, interval.toNanos());
    this.nextSlot = System.nanoTime();
  }

  /** The JVM-wide pacer of this key and interval. */
  static Pacer shared(String key, Duration interval) {
    if (SHARED.size() > EVICT_ABOVE) {
      evictIdle();
    }
    return SHARED.computeIfAbsent(key + "@" + interval.toNanos(), k -> new Pacer(interval));
  }

  static Duration perSecond(double rate) {
    return Duration.ofNanos((long) Math.ceil(1_000_000_000d / rate));
  }

  /** Blocks until this caller's slot comes. */
  void await() throws InterruptedException {
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long slot = nextSlot - now > 0 ? nextSlot : now;
      nextSlot = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private synchronized boolean idle(long now) {
    return nextSlot - now < 0;
  }

  // Per-chat pacers pile up with many chats; the idle ones carry no state worth keeping.
  private static void evictIdle() {
    long now = System.nanoTime();
    SHARED.values().removeIf(p -> p.idle(now));
  }
}
