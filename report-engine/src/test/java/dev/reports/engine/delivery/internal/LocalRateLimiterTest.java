package dev.reports.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.delivery.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LocalRateLimiterTest {
  @Test
  void noPermitIsGrantedWhileTheLimitOverlapsThePrecedingWindow() throws Exception {
    RateLimit limit = RateLimit.of(3, Duration.ofMillis(40));
    LocalRateLimiter limiter = new LocalRateLimiter(limit);

    List<PermitTraffic.Held> held = PermitTraffic.hold(8, 12, 15, thread -> limiter.acquire());

    PermitTraffic.assertNoWindowOverrun(held, limit);
  }

  @Test
  void aProviderNeverSeesMoreThanTheLimitInAnyWindow() throws Exception {
    RateLimit limit = RateLimit.of(5, Duration.ofMillis(100));
    LocalRateLimiter limiter = new LocalRateLimiter(limit);
    List<Long> arrivals = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    try (LocalRateLimiter.Permit permit = limiter.acquire()) {
                      // the request reaches the provider at some moment while the permit is held
                      TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(10));
                      arrivals.add(System.nanoTime());
                      TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(10));
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

    List<Long> sorted = arrivals.stream().sorted().toList();
    for (int i = limit.permits(); i < sorted.size(); i++) {
      assertThat(sorted.get(i) - sorted.get(i - limit.permits()))
          .isGreaterThanOrEqualTo(limit.per().toNanos());
    }
  }
}
