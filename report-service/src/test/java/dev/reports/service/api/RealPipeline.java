package dev.reports.service.api;

import dev.reports.engine.EngineTestHooks;
import dev.reports.engine.ReportEngine;
import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.service.config.Mode;
import dev.reports.service.config.ServiceConfig;
import dev.reports.service.delivery.ConfiguredChannels;
import dev.reports.service.delivery.JooqDeliveryLog;
import dev.reports.service.delivery.JooqRecipientResolver;
import dev.reports.service.report.JooqReportSource;
import dev.reports.service.run.JooqRunLog;
import dev.reports.service.run.JooqScheduleCatalog;
import dev.reports.service.schedule.JooqReportDefinitions;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The API on the service's whole pipeline: the jOOQ ledger, report source and delivery log, and the
 * provider channels exactly as {@code start} configures them, pointed at fake Loops and Telegram
 * servers. Cron expressions take a seconds field, so a test waits seconds for a fire.
 */
final class RealPipeline {
  private RealPipeline() {}

  static ApiServer start(
      PostgresDatabase db, FakeLoopsServer loops, FakeTelegramServer telegram, Path work) {
    ServiceConfig config =
        ServiceConfig.load(
            Mode.START,
            Map.of(
                "REPORTS_DB_URL", db.url(),
                "REPORTS_JWT_SECRET", Tokens.SECRET,
                "REPORTS_LOOPS_API_KEY", loops.apiKey(),
                "REPORTS_LOOPS_TRANSACTIONAL_ID", loops.transactionalId(),
                "REPORTS_LOOPS_BASE_URL", loops.baseUrl(),
                "REPORTS_TELEGRAM_BOT_TOKEN", telegram.token(),
                "REPORTS_TELEGRAM_BASE_URL", telegram.baseUrl(),
                "REPORTS_OUTBOX_DIR", work.resolve("outbox").toString()));
    return ApiServer.start(
        db.dataSource(),
        (dataSource, dsl, registry) -> {
          ReportEngine.Builder builder =
              ReportEngine.builder(dataSource)
                  .schedulerName("api-pipeline-" + UUID.randomUUID())
                  .threads(2)
                  .minimumInterval(Duration.ofSeconds(1))
                  .reportDefinitions(new JooqReportDefinitions(dsl))
                  .scheduleCatalog(new JooqScheduleCatalog(dsl))
                  .reportSource(new JooqReportSource(dsl))
                  .recipients(new JooqRecipientResolver(dsl))
                  .deliveryLog(new JooqDeliveryLog(dsl))
                  .runLog(new JooqRunLog(dsl))
                  .workDir(work)
                  .meterRegistry(registry);
          ConfiguredChannels.of(config).forEach(builder::channel);
          return EngineTestHooks.secondsInCron(builder);
        });
  }
}
