package dev.reports.engine.internal.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The engine's one way of trying a step again: a step that throws is tried again after a {@link
 * Backoff} pause, until it succeeds, fails in a way not worth retrying, runs out of attempts, or
 * the next try would start later than {@code giveUpAfter} after the first. Time and waiting come
 * from a {@link Ticker} and jitter from a random source, both replaceable, so tests check the
 * timing without sleeping.
 *
 * <p>An interrupted thread is never retried: a retryable failure then ends in {@link
 * InterruptedException}. Instances are immutable; each {@code with…} returns a new one.
 */
public final class Retry {
  /** Why a step was given up. */
  public enum GiveUp {
    /** Its failure is not worth retrying. */
    NOT_RETRYABLE,
    /** It used its attempts. */
    ATTEMPTS,
    /** The next try would start past the time limit. */
    TIME
  }

  /** How trying a step ended. */
  public sealed interface Outcome<T> permits Succeeded, Failed {
    /** Tries made, the successful one included. */
    int attempts();

    /** From the start of the first try to the end of the last, by the {@link Ticker}. */
    Duration elapsed();
  }

  /** The step returned {@code value}. */
  public record Succeeded<T>(T value, int attempts, Duration elapsed) implements Outcome<T> {}

  /** The step's last failure, and why it was not tried again. */
  public record Failed<T>(RuntimeException error, GiveUp reason, int attempts, Duration elapsed)
      implements Outcome<T> {}

  /** Told before each pause; for logs and metrics. */
  @FunctionalInterface
  public interface Listener {
    void retrying(int failedAttempt, RuntimeException failure, Duration pause);
  }

  private final Backoff backoff;
  private final int maxAttempts;
  private final Duration giveUpAfter;
  private final Predicate<RuntimeException> retryable;
  private final Function<RuntimeException, Duration> atLeast;
  private final Listener listener;
  private final Ticker ticker;
  private final DoubleSupplier random;

  private Retry(
      Backoff backoff,
      int maxAttempts,
      Duration giveUpAfter,
      Predicate<RuntimeException> retryable,
      Function<RuntimeException, Duration> atLeast,
      Listener listener,
      Ticker ticker,
      DoubleSupplier random) {
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
    this.giveUpAfter = giveUpAfter;
    this.retryable = Objects.requireNonNull(retryable, "retryable");
    this.atLeast = Objects.requireNonNull(atLeast, "atLeast");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Retries every failure with {@code backoff}, without limit, on the system's clock. */
  public static Retry with(Backoff backoff) {
    return new Retry(
        backoff,
        Integer.MAX_VALUE,
        null,
        e -> true,
        e -> null,
        (attempt, failure, pause) -> {},
        Ticker.SYSTEM,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /** At most {@code maxAttempts} tries, the first included. */
  public Retry maxAttempts(int maxAttempts) {
    return new Retry(
        backoff, maxAttempts, giveUpAfter, retryable, atLeast, listener, ticker, random);
  }

  /** No try starts more than {@code limit} after the first started (checked before pausing). */
  public Retry giveUpAfter(Duration limit) {
    return new Retry(
        backoff,
        maxAttempts,
        Objects.requireNonNull(limit, "limit"),
        retryable,
        atLeast,
        listener,
        ticker,
        random);
  }

  /** Only failures {@code retryable} accepts are tried again; the others end at once. */
  public Retry retryIf(Predicate<RuntimeException> retryable) {
    return new Retry(
        backoff, maxAttempts, giveUpAfter, retryable, atLeast, listener, ticker, random);
  }

  /**
   * The pause after a failure is never shorter than what {@code atLeast} says for it (a provider's
   * {@code retry_after}; null for no floor).
   */
  public Retry atLeast(Function<RuntimeException, Duration> atLeast) {
    return new Retry(
        backoff, maxAttempts, giveUpAfter, retryable, atLeast, listener, ticker, random);
  }

  public Retry onRetry(Listener listener) {
    return new Retry(
        backoff, maxAttempts, giveUpAfter, retryable, atLeast, listener, ticker, random);
  }

  public Retry ticker(Ticker ticker) {
    return new Retry(
        backoff, maxAttempts, giveUpAfter, retryable, atLeast, listener, ticker, random);
  }

  /** Uniform in [0, 1): where the jitter comes from. */
  public Retry random(DoubleSupplier random) {
    return new Retry(
        backoff, maxAttempts, giveUpAfter, retryable, atLeast, listener, ticker, random);
  }

  /** Tries {@code step} until it succeeds or is given up; says how it ended. */
  public <T> Outcome<T> run(Supplier<T> step) throws InterruptedException {
    long start = ticker.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        return new Succeeded<>(step.get(), attempt, since(start));
      } catch (RuntimeException e) {
        if (!retryable.test(e)) {
          return new Failed<>(e, GiveUp.NOT_RETRYABLE, attempt, since(start));
        }
        if (Thread.interrupted()) {
          InterruptedException interrupted = new InterruptedException("interrupted while retrying");
          interrupted.addSuppressed(e);
          throw interrupted;
        }
        if (attempt >= maxAttempts) {
          return new Failed<>(e, GiveUp.ATTEMPTS, attempt, since(start));
        }
        Duration pause = backoff.pause(attempt, random.getAsDouble());
        Duration floor = atLeast.apply(e);
        if (floor != null && floor.compareTo(pause) > 0) {
          pause = floor;
        }
        if (giveUpAfter != null && since(start).plus(pause).compareTo(giveUpAfter) > 0) {
          return new Failed<>(e, GiveUp.TIME, attempt, since(start));
        }
        listener.retrying(attempt, e, pause);
        try {
          ticker.sleep(pause);
        } catch (InterruptedException interrupted) {
          interrupted.addSuppressed(e); // the caller may want the failure it was waiting to retry
          throw interrupted;
        }
      }
    }
  }

  /** Tries {@code step} until it succeeds, and returns its value; or throws its last failure. */
  public <T> T call(Supplier<T> step) throws InterruptedException {
    Outcome<T> outcome = run(step);
    if (outcome instanceof Failed<T> failed) {
      throw failed.error();
    }
    return ((Succeeded<T>) outcome).value();
  }

  private Duration since(long start) {
    return Duration.ofNanos(ticker.nanoTime() - start);
  }
}
