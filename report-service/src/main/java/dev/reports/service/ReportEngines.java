package dev.reports.service;

import dev.reports.engine.ReportEngine;
import dev.reports.service.config.Mode;
import dev.reports.service.config.ServiceConfig;
import dev.reports.service.config.SharedLinkUrl;
import dev.reports.service.delivery.ConfiguredChannels;
import dev.reports.service.delivery.JooqAlertTargets;
import dev.reports.service.delivery.JooqDeliveryLog;
import dev.reports.service.delivery.JooqRecipientResolver;
import dev.reports.service.report.VideosReport;
import dev.reports.service.run.JooqRunLog;
import dev.reports.service.run.JooqScheduleCatalog;
import dev.reports.service.schedule.JooqReportDefinitions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.jooq.DSLContext;

/** The report engine of this service: the engine library with the service's jOOQ ports. */
final class ReportEngines {
  /** `dev` lets a newcomer see a report every minute; production keeps the engine's floor. */
  static final Duration DEV_MINIMUM_INTERVAL = Duration.ofMinutes(1);

  private ReportEngines() {}

  static ReportEngine build(ServiceConfig config, Database database, MeterRegistry meters) {
    DSLContext dsl = database.dsl();
    String links = config.sharedLinkUrl().map(SharedLinkUrl::template).orElse(null);
    JooqRecipientResolver recipients = new JooqRecipientResolver(dsl);
    ReportEngine.Builder builder =
        ReportEngine.builder(database.dataSource())
            .nodeId(config.nodeId())
            // the pool must hold the engine's threads plus Quartz's own connections (≥ threads + 3)
            .threads(Math.min(ReportEngine.DEFAULT_THREADS, Database.POOL_SIZE - 6))
            .missedRunGrace(config.missedRunGrace())
            .runLease(config.runLease())
            .reportDefinitions(
                new JooqReportDefinitions(
                    dsl,
                    sharedLink ->
                        new VideosReport(dsl, sharedLink, VideosReport.DEFAULT_FETCH_SIZE, links)))
            .scheduleCatalog(new JooqScheduleCatalog(dsl))
            .recipients(recipients)
            .deliveryLog(new JooqDeliveryLog(dsl))
            .runLog(new JooqRunLog(dsl))
            .alertTargets(new JooqAlertTargets(dsl))
            .autoPauseAfter(config.autoPauseAfter())
            .meterRegistry(meters);
    ConfiguredChannels.of(config, recipients).forEach(builder::channel);
    if (config.mode() == Mode.DEV) {
      builder.minimumInterval(DEV_MINIMUM_INTERVAL);
    }
    return builder.build();
  }
}
