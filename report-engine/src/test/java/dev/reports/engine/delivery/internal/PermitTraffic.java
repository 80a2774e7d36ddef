package dev.reports.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.delivery.RateLimit;
import dev.reports.engine.delivery.RateLimiter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Threads taking rate permits and holding each a random while, as requests in flight do. */
final class PermitTraffic {
  /** When a permit was granted and when it was given back, {@link System#nanoTime()}. */
  record Held(long start, long end) {}

  /** Takes a permit for the given thread (0 to threads - 1). */
  interface Source {
    RateLimiter.Permit acquire(int thread) throws InterruptedException;
  }

  private PermitTraffic() {}

  /** {@code threads} threads each take {@code each} permits in turn, holding each up to a while. */
  static List<Held> hold(int threads, int each, int maxHoldMillis, Source source) throws Exception {
    List<Held> held = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    long start;
                    try (RateLimiter.Permit permit = source.acquire(thread)) {
                      start = System.nanoTime();
                      TimeUnit.MILLISECONDS.sleep(
                          ThreadLocalRandom.current().nextInt(maxHoldMillis));
                      held.add(new Held(start, System.nanoTime()));
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(held).hasSize(threads * each);
    return held;
  }

  /** No permit was granted while {@code limit.permits()} others overlapped the window before it. */
  static void assertNoWindowOverrun(List<Held> held, RateLimit limit) {
    long window = limit.per().toNanos();
    for (Held request : held) {
      long overlapping =
          held.stream()
              .filter(
                  o ->
                      o != request
                          && o.start() <= request.start()
                          && o.end() > request.start() - window)
              .count();
      assertThat(overlapping).isLessThan(limit.permits());
    }
  }
}
