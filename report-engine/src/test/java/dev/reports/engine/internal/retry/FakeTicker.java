package dev.reports.engine.internal.retry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} whose waits return at once and move its clock: retry timing without sleeping.
 */
public final class FakeTicker implements Ticker {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Duration> pauses = new CopyOnWriteArrayList<>();

  @Override
  public long nanoTime() {
    return now.get();
  }

  @Override
  public void sleep(Duration pause) throws InterruptedException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException();
    }
    pauses.add(pause);
    now.addAndGet(pause.toNanos());
  }

  /** Moves the clock, as a slow step would. */
  public void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }

  /** Every pause waited, in order. */
  public List<Duration> pauses() {
    return List.copyOf(pauses);
  }
}
