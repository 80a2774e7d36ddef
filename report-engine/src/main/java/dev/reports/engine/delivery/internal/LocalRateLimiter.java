package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.RateLimit;
import dev.reports.engine.delivery.RateLimiter;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a provider's rate limit before it bites, rather than learning it from 429s.
 *
 * <p>Each request holds a {@link Permit} from just before it is sent until its answer is back, and
 * counts against the window for {@code per} after that. A new permit is granted only while fewer
 * than {@code permits} requests overlap the last {@code per}. The provider receives every request
 * between those two moments, so it never sees more than {@code permits} in any window, however the
 * network delays them; spacing sends evenly does not have that property (a benchmark saw 11
 * arrivals in one second at a 10/s pace, docs/benchmarks.md).
 *
 * <p>One key's window in this JVM's memory; {@link LocalRateLimiters} keeps one per key.
 */
final class LocalRateLimiter {
  private final int permits;
  private final long windowNanos;
  private final ArrayDeque<Permit> recent = new ArrayDeque<>();

  LocalRateLimiter(RateLimit limit) {
    this.permits = limit.permits();
    this.windowNanos = limit.per().toNanos();
  }

  /** Blocks until a request may be sent; close the permit once its answer is back. */
  synchronized Permit acquire() throws InterruptedException {
    while (true) {
      long now = System.nanoTime();
      recent.removeIf(p -> p.ended && now - p.end >= windowNanos);
      if (recent.size() < permits) {
        Permit permit = new Permit();
        recent.add(permit);
        return permit;
      }
      long wait = Long.MAX_VALUE;
      for (Permit p : recent) {
        if (p.ended) {
          wait = Math.min(wait, p.end + windowNanos - now);
        }
      }
      if (wait == Long.MAX_VALUE) {
        wait(); // every permit is still in flight: wait for an answer
      } else {
        TimeUnit.NANOSECONDS.timedWait(this, Math.max(wait, 1));
      }
    }
  }

  private synchronized void release(Permit permit) {
    if (!permit.ended) {
      permit.end = System.nanoTime();
      permit.ended = true;
      notifyAll();
    }
  }

  /** Whether no request holds or counts against the window: the limiter may be forgotten. */
  synchronized boolean idle() {
    long now = System.nanoTime();
    return recent.stream().allMatch(p -> p.ended && now - p.end >= windowNanos);
  }

  /** One request's hold on the window. */
  final class Permit implements RateLimiter.Permit {
    private boolean ended;
    private long end;

    @Override
    public void close() {
      release(this);
    }
  }
}
