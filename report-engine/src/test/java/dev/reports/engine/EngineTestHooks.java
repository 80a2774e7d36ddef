package dev.reports.engine;

import dev.reports.engine.delivery.internal.DeliveryOutcome;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.run.Fence;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.internal.RunSteps;

/**
 * The engine's internal test hooks, in its test jar: cron expressions with a leading seconds field
 * (so tests wait seconds, not minutes), and replacing the run's two steps (CSV export and delivery)
 * to inject slowness or failures.
 */
public final class EngineTestHooks {
  private EngineTestHooks() {}

  /** What a run does instead of the product's CSV export and delivery. */
  public interface Steps {
    ReportFile export(ReportRequest request);

    DeliveryOutcome deliver(ReportDefinition definition, Run run, ReportFile file);
  }

  /** Accepts 6-field cron expressions whose first field is seconds. */
  public static ReportEngine.Builder secondsInCron(ReportEngine.Builder builder) {
    builder.secondsInCron = true;
    return builder;
  }

  /**
   * Acquires and fires triggers with Quartz's own per-trigger code and a pool without a queue, as
   * before batching: the scheduler benchmark's baseline.
   */
  public static ReportEngine.Builder quartzFiring(ReportEngine.Builder builder) {
    builder.quartzFiring = true;
    return builder;
  }

  /**
   * Writes reports with {@code export} instead of the CSV exporter; delivery stays the product's.
   */
  public static ReportEngine.Builder export(
      ReportEngine.Builder builder, java.util.function.Function<ReportRequest, ReportFile> export) {
    builder.export = export;
    return builder;
  }

  /** Runs {@code steps} instead of the CSV exporter and the delivery runner. */
  public static ReportEngine.Builder steps(ReportEngine.Builder builder, Steps steps) {
    builder.steps =
        new RunSteps() {
          @Override
          public ReportFile export(ReportRequest request) {
            return steps.export(request);
          }

          @Override
          public DeliveryOutcome deliver(
              ReportDefinition definition, Run run, ReportFile file, Fence fence) {
            return steps.deliver(definition, run, file);
          }
        };
    return builder;
  }
}
