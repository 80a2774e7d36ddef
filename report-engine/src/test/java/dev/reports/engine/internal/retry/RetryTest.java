package dev.reports.engine.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryTest {
  final FakeTicker ticker = new FakeTicker();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void theBackoffDoublesFromTheFirstPauseUpToItsCap() throws InterruptedException {
    Retry retry =
        Retry.with(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(5)))
            .ticker(ticker);

    String value = retry.call(failing(5, "done"));

    assertThat(value).isEqualTo("done");
    assertThat(ticker.pauses()).containsExactly(s(1), s(2), s(4), s(5), s(5));
  }

  @Test
  void jitterStaysWithinItsFractionOfEachPauseEitherWay() throws InterruptedException {
    Backoff backoff =
        Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(8)).withJitter(0.25);

    assertThat(backoff.pause(1, 0.0)).isEqualTo(Duration.ofMillis(1500));
    assertThat(backoff.pause(1, 0.5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.pause(1, 0.999999)).isBetween(Duration.ofMillis(2499), s(2).plusMillis(500));
    assertThat(backoff.pause(3, 0.0)).isEqualTo(s(6)); // 8 s less a quarter
    assertThat(backoff.pause(9, 0.999999)).isLessThanOrEqualTo(s(10)); // the cap, stretched

    java.util.Random random = new java.util.Random(7);
    Retry retry = Retry.with(backoff).ticker(ticker).random(random::nextDouble);
    retry.call(failing(200, "done"));
    List<Duration> pauses = ticker.pauses();
    assertThat(pauses).hasSize(200);
    assertThat(pauses.get(0)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2500));
    assertThat(pauses.subList(3, pauses.size()))
        .allSatisfy(p -> assertThat(p).isBetween(s(6), s(10)));
    assertThat(pauses.stream().distinct().count()).as("the pauses vary").isGreaterThan(100);
  }

  @Test
  void aRetryAfterLongerThanTheBackoffIsHonouredAndAShorterOneIsNot() throws InterruptedException {
    Deque<Duration> asked = new ArrayDeque<>(List.of(s(30), Duration.ofMillis(10)));
    Retry retry =
        Retry.with(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(5)))
            .atLeast(e -> asked.poll())
            .ticker(ticker);

    retry.call(failing(2, "done"));

    assertThat(ticker.pauses()).containsExactly(s(30), s(2));
  }

  @Test
  void itGivesUpAfterItsAttemptsWithTheLastFailure() throws InterruptedException {
    Retry retry =
        Retry.with(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(5)))
            .maxAttempts(3)
            .ticker(ticker);

    Retry.Outcome<String> outcome = retry.run(failing(10, "never"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Retry.Failed.class,
            failed -> {
              assertThat(failed.reason()).isEqualTo(Retry.GiveUp.ATTEMPTS);
              assertThat(failed.attempts()).isEqualTo(3);
              assertThat(failed.error()).hasMessage("failure 3");
              assertThat(failed.elapsed()).isEqualTo(s(3));
            });
    assertThat(ticker.pauses()).containsExactly(s(1), s(2));
  }

  @Test
  void itGivesUpWhenTheNextTryWouldStartPastTheTimeLimit() throws InterruptedException {
    Retry retry =
        Retry.with(Backoff.exponential(Duration.ofSeconds(10), Duration.ofMinutes(1)))
            .giveUpAfter(Duration.ofSeconds(60))
            .ticker(ticker);
    AtomicInteger tries = new AtomicInteger();

    Retry.Outcome<String> outcome =
        retry.run(
            () -> {
              tries.incrementAndGet();
              ticker.advance(s(5)); // each try takes 5 s
              throw new IllegalStateException("down");
            });

    // tries end at 5, 20, 45 s; the next would start at 85 s: given up at 45 s
    assertThat(outcome)
        .isInstanceOfSatisfying(
            Retry.Failed.class,
            failed -> {
              assertThat(failed.reason()).isEqualTo(Retry.GiveUp.TIME);
              assertThat(failed.elapsed()).isEqualTo(s(45));
            });
    assertThat(tries).hasValue(3);
    assertThat(ticker.pauses()).containsExactly(s(10), s(20));
  }

  @Test
  void aFailureItMayNotRetryEndsAtOnceAndCallThrowsIt() {
    Retry retry =
        Retry.with(Backoff.fixed(s(1)))
            .retryIf(e -> !(e instanceof IllegalArgumentException))
            .ticker(ticker);

    assertThatThrownBy(
            () ->
                retry.call(
                    () -> {
                      throw new IllegalArgumentException("bad");
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad");
    assertThat(ticker.pauses()).isEmpty();
  }

  @Test
  void anInterruptedThreadIsNotRetried() {
    Retry retry = Retry.with(Backoff.fixed(s(1))).ticker(ticker);

    assertThatThrownBy(
            () ->
                retry.call(
                    () -> {
                      Thread.currentThread().interrupt();
                      throw new IllegalStateException("down");
                    }))
        .isInstanceOf(InterruptedException.class)
        .satisfies(e -> assertThat(e.getSuppressed()[0]).hasMessage("down"));
    assertThat(ticker.pauses()).isEmpty();
  }

  @Test
  void theListenerHearsEachRetryWithItsPause() throws InterruptedException {
    List<String> heard = new ArrayList<>();
    Retry retry =
        Retry.with(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(5)))
            .onRetry((attempt, e, pause) -> heard.add(attempt + " " + e.getMessage() + " " + pause))
            .ticker(ticker);

    retry.call(failing(2, "done"));

    assertThat(heard).containsExactly("1 failure 1 PT1S", "2 failure 2 PT2S");
  }

  /** Fails {@code failures} times, then returns {@code value}. */
  private static Supplier<String> failing(int failures, String value) {
    AtomicInteger calls = new AtomicInteger();
    return () -> {
      int call = calls.incrementAndGet();
      if (call <= failures) {
        throw new IllegalStateException("failure " + call);
      }
      return value;
    };
  }

  private static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }
}
