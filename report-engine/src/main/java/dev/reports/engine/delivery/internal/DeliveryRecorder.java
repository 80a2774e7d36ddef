package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.DeliveryEntry;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.internal.retry.Backoff;
import dev.reports.engine.internal.retry.Retry;
import dev.reports.engine.internal.retry.Ticker;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunFencedException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the delivery log, trying each write again after a brief database failure: the log is the
 * product's memory, and a hiccup must not lose a delivery's record. A write the log refuses because
 * another attempt holds the run ({@link RunFencedException}) is never tried again.
 */
final class DeliveryRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRecorder.class);
  private static final int WRITE_ATTEMPTS = 3;
  // about two minutes of tries (each also waits for a connection): as long as a run waits for
  // the database (Runner.DATABASE_PATIENCE)
  private static final int SENT_WRITE_ATTEMPTS = 25;
  private static final Backoff BACKOFF =
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 4, 0);

  private final DeliveryLog log;
  private final Retry retry;

  DeliveryRecorder(DeliveryLog log, Ticker ticker) {
    this.log = log;
    this.retry =
        Retry.with(BACKOFF)
            .retryIf(e -> !(e instanceof RunFencedException))
            .onRetry(
                (attempt, e, pause) ->
                    LOG.warn("Writing the delivery log failed (try {}); retrying", attempt, e))
            .ticker(ticker);
  }

  /** The row of {@code entry} in {@code run}, opened {@code pending} unless it exists. */
  DeliveryRecord open(Run run, DeliveryEntry entry, Map<String, Object> payload) {
    Map<String, Object> copy = Map.copyOf(payload);
    return write(WRITE_ATTEMPTS, () -> log.open(run, entry, copy));
  }

  /** Completes {@code row}; a {@code sent} row is tried longest, since losing it re-sends. */
  void complete(Run run, DeliveryRecord row, DeliveryStatus status, Map<String, Object> payload) {
    Map<String, Object> copy = Map.copyOf(payload);
    write(
        status == DeliveryStatus.SENT ? SENT_WRITE_ATTEMPTS : WRITE_ATTEMPTS,
        () -> {
          log.complete(run, row.id(), status, copy);
          return row;
        });
  }

  private <T> T write(int attempts, Supplier<T> write) {
    Retry.Outcome<T> outcome;
    try {
      outcome = retry.maxAttempts(attempts).run(write);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // the last failure is suppressed in the interruption
      Throwable[] failures = e.getSuppressed();
      if (failures.length > 0 && failures[0] instanceof RuntimeException last) {
        throw last;
      }
      throw new IllegalStateException("interrupted while writing the delivery log", e);
    }
    if (outcome instanceof Retry.Failed<T> failed) {
      throw failed.error();
    }
    return ((Retry.Succeeded<T>) outcome).value();
  }
}
