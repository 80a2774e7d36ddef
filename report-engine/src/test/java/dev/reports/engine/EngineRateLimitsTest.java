package dev.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryChannels;
import dev.reports.engine.delivery.RateLimiters;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.TelegramSettings;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.run.RunStatus;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FakeReport;
import dev.reports.engine.testing.FakeReportDefinitions;
import dev.reports.engine.testing.FakeRunLog;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Which rate limiter an engine's channels keep their providers' limits with. */
class EngineRateLimitsTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @TempDir Path dir;

  final FakeTelegramServer telegram = new FakeTelegramServer();

  @AfterEach
  void tearDown() {
    telegram.close();
  }

  @Test
  void anEngineOnPostgresKeepsItsChannelsLimitsInTheDatabaseForTheWholeCluster() {
    long before = permitRows();

    deliverOneTelegramReport(Engines.withFakes(db.dataSource()));

    // one permit for the bot, one for the chat
    assertThat(permitRows() - before).isEqualTo(2);
  }

  @Test
  void anEngineToldToKeepThemInMemoryLeavesTheDatabaseAlone() {
    long before = permitRows();

    deliverOneTelegramReport(
        Engines.withFakes(db.dataSource()).rateLimiter(RateLimiters.inMemory()));

    assertThat(permitRows()).isEqualTo(before);
  }

  private void deliverOneTelegramReport(ReportEngine.Builder builder) {
    UUID scheduleId = UUID.randomUUID();
    ZoneId zone = ZoneId.of("Europe/Berlin");
    FakeRunLog runLog = new FakeRunLog();
    builder
        .reportDefinitions(
            new FakeReportDefinitions()
                .put(
                    new ReportDefinition(
                        scheduleId,
                        UUID.randomUUID(),
                        new FakeReport(),
                        zone,
                        Set.of(Channel.TELEGRAM))))
        .recipients(new FakeRecipientResolver().add(Recipient.telegram(4242L)))
        .runLog(runLog)
        .workDir(dir)
        .channel(
            DeliveryChannels.telegram(
                TelegramSettings.of(telegram.token()).withBaseUrl(telegram.baseUrl())));
    try (ReportEngine engine = builder.build()) {
      engine.start();
      engine.schedule(new Schedule(scheduleId, ScheduleSpec.daily(LocalTime.of(9, 0), zone), true));
      UUID runId = engine.runNow(scheduleId);
      await().atMost(Duration.ofSeconds(20)).until(() -> runLog.result(runId).isPresent());
      assertThat(runLog.result(runId).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
    }
    assertThat(telegram.deliveredTo(4242L)).hasSize(1);
  }

  private static long permitRows() {
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from delivery_rate_permits")) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
