package dev.reports.engine;

import dev.reports.engine.delivery.internal.DeliveryOutcome;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportException;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.run.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Run steps for the engine's scheduling tests: writes a one-line file, "delivers" it by recording
 * the run, and can be told to fail or to take its time.
 */
final class RecordingSteps implements EngineTestHooks.Steps {
  record Export(ReportRequest request, Instant at, Path file) {}

  record Delivered(Run run, Instant at, String node) {}

  private final Path dir;
  final List<Export> exports = new CopyOnWriteArrayList<>();
  final List<Delivered> deliveries = new CopyOnWriteArrayList<>();
  private final Queue<RuntimeException> exportFailures = new ConcurrentLinkedQueue<>();
  private final Queue<DeliveryOutcome> outcomes = new ConcurrentLinkedQueue<>();
  private final Queue<RuntimeException> deliveryFailures = new ConcurrentLinkedQueue<>();
  final List<Run> failedDeliveries = new CopyOnWriteArrayList<>();
  private volatile Duration deliveryTime = Duration.ZERO;

  RecordingSteps() {
    try {
      dir = Files.createTempDirectory("recording-steps");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RecordingSteps failExports(RuntimeException... failures) {
    exportFailures.addAll(List.of(failures));
    return this;
  }

  RecordingSteps failExport(int times, boolean permanent) {
    for (int i = 0; i < times; i++) {
      exportFailures.add(new ReportException("injected", permanent));
    }
    return this;
  }

  /** The next deliveries throw these, as a delivery step does when the database is away. */
  RecordingSteps failDeliveries(RuntimeException... failures) {
    deliveryFailures.addAll(List.of(failures));
    return this;
  }

  RecordingSteps nextOutcome(DeliveryOutcome outcome) {
    outcomes.add(outcome);
    return this;
  }

  RecordingSteps deliveryTakes(Duration d) {
    deliveryTime = d;
    return this;
  }

  List<Run> deliveredRuns() {
    return deliveries.stream().map(Delivered::run).toList();
  }

  @Override
  public ReportFile export(ReportRequest request) {
    Instant at = Instant.now();
    RuntimeException failure = exportFailures.poll();
    if (failure != null) {
      exports.add(new Export(request, at, null));
      throw failure;
    }
    try {
      Path file = Files.createTempFile(dir, "report", ".csv");
      Files.writeString(file, "title\n");
      exports.add(new Export(request, at, file));
      return new ReportFile(
          file, "test.csv", new ReportDescription("Test", "test"), LocalDate.now(), 0, 6, "00");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public DeliveryOutcome deliver(ReportDefinition definition, Run run, ReportFile file) {
    if (!deliveryTime.isZero()) {
      try {
        Thread.sleep(deliveryTime.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    RuntimeException failure = deliveryFailures.poll();
    if (failure != null) {
      failedDeliveries.add(run);
      throw failure;
    }
    deliveries.add(new Delivered(run, Instant.now(), Thread.currentThread().getName()));
    DeliveryOutcome outcome = outcomes.poll();
    return outcome == null ? new DeliveryOutcome(1, 0) : outcome;
  }
}
