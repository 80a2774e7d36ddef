package dev.reports.engine.delivery.internal;

/**
 * How the deliveries of one run ended: a run succeeds only when nothing failed; skipped recipients
 * are neither.
 */
public record DeliveryOutcome(int sent, int failed, int skipped) {
  public DeliveryOutcome(int sent, int failed) {
    this(sent, failed, 0);
  }
}
