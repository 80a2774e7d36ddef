package dev.reports.engine.internal.retry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Monotonic time and waiting, as retries see them: the system's in production, a fake in tests that
 * waits by moving its own clock, so retry timing is tested without sleeping.
 */
public interface Ticker {
  /** The system's monotonic clock and {@link TimeUnit#sleep}. */
  Ticker SYSTEM =
      new Ticker() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleep(Duration pause) throws InterruptedException {
          TimeUnit.NANOSECONDS.sleep(pause.toNanos());
        }
      };

  /** Now, in nanoseconds from an arbitrary origin; only differences mean anything. */
  long nanoTime();

  /** Waits {@code pause}; throws when the thread is interrupted meanwhile. */
  void sleep(Duration pause) throws InterruptedException;
}
