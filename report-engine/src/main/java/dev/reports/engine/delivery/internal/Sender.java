package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.DeliverySettings;
import dev.reports.engine.internal.retry.Backoff;
import dev.reports.engine.internal.retry.Retry;
import dev.reports.engine.internal.retry.Ticker;
import dev.reports.engine.run.RunFencedException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one delivery over its channel, retrying what the channel says is retryable ({@link
 * DeliverySettings}): the run's fence is checked before every try, also after a backoff, so a node
 * that stalled in its pause sends nothing more.
 */
final class Sender {
  private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

  /** How sending to one recipient ended: a receipt, or the last failure and its reason. */
  record Sent(
      DeliveryReceipt receipt,
      DeliveryException error,
      String reason,
      int attempts,
      Duration elapsed) {
    boolean accepted() {
      return receipt != null;
    }
  }

  private final DeliverySettings settings;
  private final MeterRegistry meters;
  private final Ticker ticker;
  private final DoubleSupplier random;

  Sender(DeliverySettings settings, MeterRegistry meters, Ticker ticker, DoubleSupplier random) {
    this.settings = settings;
    this.meters = meters;
    this.ticker = ticker;
    this.random = random;
  }

  /**
   * Sends with retries; null when the thread was interrupted (the row stays pending, for recovery
   * to settle). Throws {@link RunFencedException} as soon as the fence refuses.
   */
  Sent send(DeliveryChannel channel, Delivery delivery) {
    String code = channel.channel().code();
    Retry retry =
        Retry.with(
                new Backoff(settings.firstBackoff(), settings.maxBackoff(), 2, settings.jitter()))
            .maxAttempts(settings.maxAttempts())
            .giveUpAfter(settings.maxRetryTime())
            .retryIf(e -> e instanceof DeliveryException d && d.retryable())
            .atLeast(e -> e instanceof DeliveryException d ? d.retryAfter().orElse(null) : null)
            .onRetry(
                (attempt, e, pause) -> {
                  LOG.info(
                      "Run {}: {} delivery to {} failed ({}: {}); retrying in {} ms (attempt {} of"
                          + " {})",
                      delivery.runId(),
                      code,
                      delivery.recipient().key(),
                      e instanceof DeliveryException d ? d.code() : "error",
                      e.getMessage(),
                      pause.toMillis(),
                      attempt + 1,
                      settings.maxAttempts());
                  meters.counter("reports.delivery.retries", "channel", code).increment();
                })
            .ticker(ticker)
            .random(random);
    Retry.Outcome<DeliveryReceipt> outcome;
    try {
      outcome =
          retry.run(
              () -> {
                delivery.fence().check(); // also before a retry
                return channel.send(delivery);
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the caller stops before the next recipient
      return null;
    }
    if (outcome instanceof Retry.Succeeded<DeliveryReceipt> sent) {
      return new Sent(sent.value(), null, null, sent.attempts(), sent.elapsed());
    }
    Retry.Failed<DeliveryReceipt> failed = (Retry.Failed<DeliveryReceipt>) outcome;
    RuntimeException error = failed.error();
    if (error instanceof RunFencedException fenced) {
      throw fenced; // the fence, or the channel's last check before the provider call
    }
    if (!(error instanceof DeliveryException refused)) {
      // a channel bug or an unreadable file: nothing a retry would fix
      return new Sent(
          null,
          DeliveryException.permanent("channel_error", "the channel failed"),
          error.getClass().getSimpleName() + ": " + error.getMessage(),
          failed.attempts(),
          failed.elapsed());
    }
    String reason =
        switch (failed.reason()) {
          case NOT_RETRYABLE -> refused.getMessage();
          case ATTEMPTS ->
              "gave up after " + attempts(failed.attempts()) + ": " + refused.getMessage();
          case TIME ->
              "gave up after "
                  + attempts(failed.attempts())
                  + ": the next one would come after the retry time limit of "
                  + settings.maxRetryTime()
                  + ": "
                  + refused.getMessage();
        };
    return new Sent(null, refused, reason, failed.attempts(), failed.elapsed());
  }

  private static String attempts(int n) {
    return n == 1 ? "1 attempt" : n + " attempts";
  }
}
