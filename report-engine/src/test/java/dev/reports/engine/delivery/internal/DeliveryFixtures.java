package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliverySettings;
import dev.reports.engine.delivery.RateLimit;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.testing.FakeReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/** Definitions, runs and settings for delivery tests: milliseconds where production has seconds. */
final class DeliveryFixtures {
  /** As good as no limit: a thousand requests in flight at once. */
  static final RateLimit UNLIMITED = RateLimit.of(1000, Duration.ZERO);

  static final UUID ORGANIZATION = UUID.fromString("00000000-0000-0000-0000-00000000000a");

  private DeliveryFixtures() {}

  static ReportDefinition definition(Channel... channels) {
    return new ReportDefinition(
        UUID.randomUUID(),
        ORGANIZATION,
        new FakeReport(),
        ZoneId.of("Europe/Moscow"),
        Set.of(channels));
  }

  static Run run(ReportDefinition definition) {
    return new Run(
        UUID.randomUUID(),
        definition.scheduleId(),
        Instant.parse("2026-03-08T06:30:00Z"),
        RunKind.SCHEDULED,
        1);
  }

  /** The same run taken over by recovery after a crash. */
  static Run recovered(Run run) {
    return new Run(run.id(), run.scheduleId(), run.scheduledFor(), run.kind(), run.attempt() + 1);
  }

  /** Five attempts, 10 ms doubling backoff, no jitter, ten seconds at most. */
  static DeliverySettings fastRetries() {
    return new DeliverySettings(
        5, Duration.ofMillis(10), Duration.ofMillis(80), 0, Duration.ofSeconds(10));
  }
}
