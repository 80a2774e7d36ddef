package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryStatus;
import io.micrometer.core.instrument.MeterRegistry;

/** How one channel's deliveries of a run settled: counted, and metered as they settle. */
final class Tally {
  private final Channel channel;
  private final MeterRegistry meters;
  private int sent;
  private int failed;
  private int skipped;

  Tally(Channel channel, MeterRegistry meters) {
    this.channel = channel;
    this.meters = meters;
  }

  void count(DeliveryStatus status) {
    switch (status) {
      case SENT -> sent++;
      case SKIPPED -> skipped++;
      default -> failed++;
    }
    meters
        .counter("reports.deliveries", "channel", channel.code(), "status", status.code())
        .increment();
  }

  int sent() {
    return sent;
  }

  DeliveryOutcome outcome() {
    return new DeliveryOutcome(sent, failed, skipped);
  }
}
