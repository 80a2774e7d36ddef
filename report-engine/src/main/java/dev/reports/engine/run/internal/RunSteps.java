package dev.reports.engine.run.internal;

import dev.reports.engine.alert.internal.FailureAlerter;
import dev.reports.engine.csv.CsvExporter;
import dev.reports.engine.delivery.internal.DeliveryOutcome;
import dev.reports.engine.delivery.internal.DeliveryRunner;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.run.FailureStreak;
import dev.reports.engine.run.Fence;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunResult;
import java.util.function.Function;

/**
 * The two steps of a run: write the CSV, then deliver it; and, after a run that failed for good,
 * tell its people.
 */
public interface RunSteps {
  /** Writes the report; throws {@link dev.reports.engine.report.ReportException}. */
  ReportFile export(ReportRequest request);

  /**
   * Delivers the file to every recipient not yet sent for this run, checking {@code fence} before
   * each recipient and each provider call.
   */
  DeliveryOutcome deliver(ReportDefinition definition, Run run, ReportFile file, Fence fence);

  /** Failed runs in a row after which a schedule is disabled; 0 never disables it. */
  default int autoPauseAfter() {
    return 0;
  }

  /** Tells the schedule's people that this run failed for good; never throws. */
  default void alert(Run run, RunResult result, FailureStreak streak) {}

  /** These steps, with failure alerts sent by {@code alerter} and the given pause limit. */
  default RunSteps withAlerts(FailureAlerter alerter, int autoPauseAfter) {
    RunSteps steps = this;
    return new RunSteps() {
      @Override
      public ReportFile export(ReportRequest request) {
        return steps.export(request);
      }

      @Override
      public DeliveryOutcome deliver(
          ReportDefinition definition, Run run, ReportFile file, Fence fence) {
        return steps.deliver(definition, run, file, fence);
      }

      @Override
      public int autoPauseAfter() {
        return autoPauseAfter;
      }

      @Override
      public void alert(Run run, RunResult result, FailureStreak streak) {
        if (alerter != null) {
          alerter.alert(run, result, streak);
        }
      }
    };
  }

  /** The steps of the product: {@link CsvExporter} then {@link DeliveryRunner}. */
  static RunSteps of(CsvExporter exporter, DeliveryRunner deliveries) {
    return of(exporter::export, deliveries);
  }

  /** An export step (the product's, or a test's) followed by the {@link DeliveryRunner}. */
  static RunSteps of(Function<ReportRequest, ReportFile> export, DeliveryRunner deliveries) {
    return new RunSteps() {
      @Override
      public ReportFile export(ReportRequest request) {
        return export.apply(request);
      }

      @Override
      public DeliveryOutcome deliver(
          ReportDefinition definition, Run run, ReportFile file, Fence fence) {
        return deliveries.deliver(definition, run, file, fence);
      }
    };
  }
}
