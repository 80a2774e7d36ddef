package dev.reports.service.api;

import dev.reports.engine.ReportEngine;
import dev.reports.engine.report.Report;
import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.service.config.Mode;
import dev.reports.service.config.ServiceConfig;
import dev.reports.service.delivery.ConfiguredChannels;
import dev.reports.service.delivery.JooqDeliveryLog;
import dev.reports.service.delivery.JooqRecipientResolver;
import dev.reports.service.run.JooqRunLog;
import dev.reports.service.run.JooqScheduleCatalog;
import dev.reports.service.schedule.JooqReportDefinitions;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jooq.DSLContext;

/**
 * An engine for tests through the API whose channels are configured exactly as {@code start}
 * configures them from its environment, pointed at fake Loops and Telegram servers.
 */
final class ProviderEngine {
  private ProviderEngine() {}

  /**
   * The engine's builder, each schedule's report made from the DSL and its shared link by {@code
   * reports}; {@code moreEnv} (name, value, name, value…) adds to the environment the channels are
   * configured from.
   */
  static ApiServer.EngineSetup setup(
      PostgresDatabase db,
      Path work,
      FakeLoopsServer loops,
      FakeTelegramServer telegram,
      BiFunction<DSLContext, UUID, Report> reports,
      String... moreEnv) {
    Map<String, String> env = new HashMap<>();
    env.put("REPORTS_DB_URL", db.url());
    env.put("REPORTS_JWT_SECRET", Tokens.SECRET);
    env.put("REPORTS_LOOPS_API_KEY", loops.apiKey());
    env.put("REPORTS_LOOPS_TRANSACTIONAL_ID", loops.transactionalId());
    env.put("REPORTS_LOOPS_BASE_URL", loops.baseUrl());
    env.put("REPORTS_TELEGRAM_BOT_TOKEN", telegram.token());
    env.put("REPORTS_TELEGRAM_BASE_URL", telegram.baseUrl());
    env.put("REPORTS_OUTBOX_DIR", work.resolve("outbox").toString());
    for (int i = 0; i + 1 < moreEnv.length; i += 2) {
      env.put(moreEnv[i], moreEnv[i + 1]);
    }
    ServiceConfig config = ServiceConfig.load(Mode.START, env);
    return (dataSource, dsl, registry) -> {
      JooqRecipientResolver recipients = new JooqRecipientResolver(dsl);
      ReportEngine.Builder builder =
          ReportEngine.builder(dataSource)
              .schedulerName("api-e2e-" + UUID.randomUUID())
              .threads(2)
              .reportDefinitions(new JooqReportDefinitions(dsl, link -> reports.apply(dsl, link)))
              .scheduleCatalog(new JooqScheduleCatalog(dsl))
              .recipients(recipients)
              .deliveryLog(new JooqDeliveryLog(dsl))
              .runLog(new JooqRunLog(dsl))
              .workDir(work)
              .meterRegistry(registry);
      ConfiguredChannels.of(config, recipients).forEach(builder::channel);
      return builder;
    };
  }
}
