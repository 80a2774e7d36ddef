package dev.reports.engine.delivery.internal;

/** How the deliveries of one run ended: a run succeeds only when nothing failed. */
public record DeliveryOutcome(int sent, int failed) {}
