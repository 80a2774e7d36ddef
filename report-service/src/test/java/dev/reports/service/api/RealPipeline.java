package dev.reports.service.api;

import dev.reports.engine.EngineTestHooks;
import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.service.report.VideosReport;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The API on the service's whole pipeline: the jOOQ ledger, report source and delivery log, and the
 * provider channels exactly as {@code start} configures them ({@link ProviderEngine}), pointed at
 * fake Loops and Telegram servers. Cron expressions take a seconds field, so a test waits seconds
 * for a fire.
 */
final class RealPipeline {
  private RealPipeline() {}

  static ApiServer start(
      PostgresDatabase db, FakeLoopsServer loops, FakeTelegramServer telegram, Path work) {
    ApiServer.EngineSetup providers =
        ProviderEngine.setup(db, work, loops, telegram, VideosReport::new);
    return ApiServer.start(
        db.dataSource(),
        (dataSource, dsl, registry) ->
            EngineTestHooks.secondsInCron(
                providers
                    .builder(dataSource, dsl, registry)
                    .minimumInterval(Duration.ofSeconds(1))));
  }
}
