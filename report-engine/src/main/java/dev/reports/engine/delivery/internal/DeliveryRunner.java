package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.RecipientResolver;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.run.Run;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Delivers one run's report to every recipient of every enabled channel, each exactly once, logging
 * each delivery before the provider is called and after it answered.
 */
public final class DeliveryRunner {
  private final List<DeliveryChannel> channels;
  private final RecipientResolver recipients;
  private final DeliveryLog log;
  private final MeterRegistry meters;

  public DeliveryRunner(
      List<DeliveryChannel> channels,
      RecipientResolver recipients,
      DeliveryLog log,
      MeterRegistry meters) {
    this.channels = List.copyOf(channels);
    this.recipients = recipients;
    this.log = log;
    this.meters = meters;
  }

  /** Delivers to those not yet sent for this run (a recovered run re-sends nothing). */
  public DeliveryOutcome deliver(ReportDefinition definition, Run run, ReportFile file) {
    throw new UnsupportedOperationException("not implemented yet (issue 5)");
  }
}
