package dev.reports.engine.run.internal;

import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunResult;
import dev.reports.engine.run.RunStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * The engine's run meters (names, types and buckets documented in docs/engine.md; keep them stable,
 * dashboards and alerts query them):
 *
 * <ul>
 *   <li>{@code reports.fire.lateness} (timer, histogram): from a scheduled instant to its fire
 *   <li>{@code reports.run.duration} (timer, histogram, tag {@code status}): from claim to end
 *   <li>{@code reports.runs} (counter, tags {@code status}, {@code kind}): runs by how they ended
 *   <li>{@code reports.fires.duplicate} (counter): fires whose instant was already claimed
 *   <li>{@code reports.csv.rows}, {@code reports.csv.bytes} (counters): CSV written by runs
 * </ul>
 *
 * <p>Durations are histograms with fixed buckets, not client-side percentiles, so that a percentile
 * can be computed over the whole cluster ({@code histogram_quantile} of the summed buckets). Every
 * series a status or kind can take is registered at zero up front: a rate over a series that does
 * not exist yet is no rate at all, and an alert on it never fires.
 */
final class EngineMeters {
  /** Fire lateness buckets: a healthy node fires within a second; the grace window is hours. */
  static final Duration[] LATENESS_BUCKETS =
      seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600);

  /** Run duration buckets: a small report takes under a second, a large one with retries hours. */
  static final Duration[] RUN_BUCKETS =
      seconds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600);

  private final MeterRegistry registry;
  private final Timer lateness;
  private final Counter duplicates;
  private final Counter csvRows;
  private final Counter csvBytes;

  EngineMeters(MeterRegistry registry) {
    this.registry = registry;
    this.lateness =
        Timer.builder("reports.fire.lateness")
            .description("Time from a schedule's instant to its trigger firing")
            .serviceLevelObjectives(LATENESS_BUCKETS)
            .register(registry);
    this.duplicates =
        Counter.builder("reports.fires.duplicate")
            .description("Fires whose instant was already claimed (not run again)")
            .register(registry);
    this.csvRows =
        Counter.builder("reports.csv.rows")
            .description("Rows written to CSV reports by finished runs")
            .register(registry);
    this.csvBytes =
        Counter.builder("reports.csv.bytes")
            .description("Bytes of CSV reports written by finished runs")
            .baseUnit("bytes")
            .register(registry);
    for (RunStatus status : RunStatus.values()) {
      if (status != RunStatus.RUNNING) {
        runDuration(status);
        for (RunKind kind : RunKind.values()) {
          runs(status, kind);
        }
      }
    }
  }

  void lateness(Duration d) {
    lateness.record(d);
  }

  void duplicate() {
    duplicates.increment();
  }

  void finished(Run run, RunResult result, Duration took) {
    runDuration(result.status()).record(took);
    runs(result.status(), run.kind()).increment();
    if (result.rows() != null) {
      csvRows.increment(result.rows());
    }
    if (result.bytes() != null) {
      csvBytes.increment(result.bytes());
    }
  }

  private Timer runDuration(RunStatus status) {
    return Timer.builder("reports.run.duration")
        .description("Time from claiming a run to its end (query, CSV and every delivery)")
        .tag("status", status.code())
        .serviceLevelObjectives(RUN_BUCKETS)
        .register(registry);
  }

  private Counter runs(RunStatus status, RunKind kind) {
    return Counter.builder("reports.runs")
        .description("Runs by how they ended (status) and why they ran (kind)")
        .tag("status", status.code())
        .tag("kind", kind.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }

  static Duration[] seconds(double... seconds) {
    Duration[] buckets = new Duration[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      buckets[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
    }
    return buckets;
  }
}
