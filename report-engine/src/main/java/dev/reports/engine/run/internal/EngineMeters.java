package dev.reports.engine.run.internal;

import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The engine's meters (documented in docs/engine.md):
 *
 * <ul>
 *   <li>{@code reports.fire.lateness} (timer): from a scheduled instant to its fire
 *   <li>{@code reports.run.duration} (timer, tag {@code status}): from claim to end of a run
 *   <li>{@code reports.runs} (counter, tags {@code status}, {@code kind}): runs by how they ended
 *   <li>{@code reports.fires.duplicate} (counter): fires whose instant was already claimed
 * </ul>
 */
final class EngineMeters {
  private final MeterRegistry registry;
  private final Timer lateness;
  private final Counter duplicates;

  EngineMeters(MeterRegistry registry) {
    this.registry = registry;
    this.lateness =
        Timer.builder("reports.fire.lateness")
            .description("Time from a schedule's instant to its trigger firing")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    this.duplicates =
        Counter.builder("reports.fires.duplicate")
            .description("Fires whose instant was already claimed (not run again)")
            .register(registry);
  }

  void lateness(Duration d) {
    lateness.record(d);
  }

  void duplicate() {
    duplicates.increment();
  }

  void finished(Run run, RunStatus status, Duration took) {
    Timer.builder("reports.run.duration")
        .description("Time from claiming a run to its end")
        .tag("status", status.code())
        .register(registry)
        .record(took);
    Counter.builder("reports.runs")
        .description("Runs by how they ended")
        .tag("status", status.code())
        .tag("kind", run.kind().name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
  }
}
