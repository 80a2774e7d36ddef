package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The delivery meters (documented in docs/engine.md; keep the names stable):
 *
 * <ul>
 *   <li>{@code reports.delivery.duration} (timer, histogram, tag {@code channel}): from the first
 *       send to a recipient to its outcome, retries and provider pacing included
 *   <li>{@code reports.deliveries} (counter, tags {@code channel}, {@code status}): deliveries by
 *       their final status
 *   <li>{@code reports.delivery.retries} (counter, tag {@code channel}): sends repeated after a
 *       transient failure
 * </ul>
 *
 * <p>Registered for every configured channel at construction, so each series exists (at zero)
 * before the first delivery and carries its description; {@link DeliveryRunner} increments the same
 * meters.
 */
final class DeliveryMeters {
  /** Buckets: a provider answers in well under a second; retries of a 429 or 5xx take minutes. */
  static final Duration[] DURATION_BUCKETS = {
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(5),
    Duration.ofMinutes(15),
    Duration.ofMinutes(30)
  };

  private final Map<Channel, Timer> durations = new ConcurrentHashMap<>();
  private final MeterRegistry registry;

  DeliveryMeters(MeterRegistry registry, Collection<Channel> channels) {
    this.registry = registry;
    for (Channel channel : channels) {
      timer(channel);
      for (DeliveryStatus status : DeliveryStatus.values()) {
        if (status != DeliveryStatus.PENDING) {
          Counter.builder("reports.deliveries")
              .description("Deliveries to one recipient by channel and final status")
              .tag("channel", channel.code())
              .tag("status", status.code())
              .register(registry);
        }
      }
      Counter.builder("reports.delivery.retries")
          .description("Sends repeated after a transient failure (429, 5xx, timeout)")
          .tag("channel", channel.code())
          .register(registry);
    }
  }

  void took(Channel channel, Duration elapsed) {
    timer(channel).record(elapsed);
  }

  private Timer timer(Channel channel) {
    return durations.computeIfAbsent(
        channel,
        c ->
            Timer.builder("reports.delivery.duration")
                .description(
                    "Time from the first send to a recipient to its outcome, retries included")
                .tag("channel", c.code())
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry));
  }
}
