package dev.reports.service.delivery;

import static dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryChannels;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.DeliverySettings;
import dev.reports.engine.delivery.LoopsSettings;
import dev.reports.engine.delivery.RateLimit;
import dev.reports.engine.delivery.TelegramSettings;
import dev.reports.engine.delivery.internal.DeliveryOutcome;
import dev.reports.engine.delivery.internal.DeliveryRunner;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.run.Run;
import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.engine.testing.FaultyDeliveryLog;
import dev.reports.engine.testing.LogCapture;
import dev.reports.engine.testing.TestReportFiles;
import dev.reports.jooq.tables.records.SharedReportNotificationsRecord;
import dev.reports.test.PostgresDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The delivery runner with the jOOQ log and resolver on PostgreSQL, against fake providers. */
@Timeout(60)
class DeliveryOnPostgresTest {
  @RegisterExtension static PostgresDatabase database = new PostgresDatabase();
  static final RateLimit UNLIMITED = RateLimit.of(1000, Duration.ZERO);

  @TempDir Path dir;

  final FakeLoopsServer loops = new FakeLoopsServer();
  final FakeTelegramServer telegram = new FakeTelegramServer();
  DSLContext db;
  HostData data;
  JooqDeliveryLog log;
  JooqRecipientResolver resolver;
  UUID organization;
  ReportFile file;
  LogCapture logs;

  @BeforeEach
  void setUp() {
    logs = LogCapture.start();
    db = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
    data = new HostData(db);
    log = new JooqDeliveryLog(db);
    resolver = new JooqRecipientResolver(db);
    organization = data.organization();
    file = TestReportFiles.csv(dir, 12);
  }

  @AfterEach
  void tearDown() {
    logs.close();
    loops.close();
    telegram.close();
    assertThat(logs.text()).doesNotContain(telegram.token()).doesNotContain(loops.apiKey());
    assertThat(
            db.select(SHARED_REPORT_NOTIFICATIONS.PAYLOAD.cast(String.class))
                .from(SHARED_REPORT_NOTIFICATIONS)
                .fetch()
                .toString())
        .doesNotContain(telegram.token())
        .doesNotContain(loops.apiKey());
  }

  DeliveryRunner runner(DeliveryLog log) {
    return new DeliveryRunner(
        List.of(
            DeliveryChannels.loops(
                LoopsSettings.of(loops.apiKey(), loops.transactionalId())
                    .withBaseUrl(loops.baseUrl())
                    .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(400))
                    .withRateLimit(UNLIMITED)),
            DeliveryChannels.telegram(
                TelegramSettings.of(telegram.token())
                    .withBaseUrl(telegram.baseUrl())
                    .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(400))
                    .withRateLimits(UNLIMITED, UNLIMITED, UNLIMITED),
                resolver)),
        resolver,
        log,
        new SimpleMeterRegistry(),
        new DeliverySettings(
            4, Duration.ofMillis(10), Duration.ofMillis(50), 0.2, Duration.ofSeconds(10)));
  }

  @Test
  void everyRecipientEndsInOneHonestRowAndAMigratedChatIsRemembered() {
    ReportDefinition schedule = data.schedule(organization, Channel.EMAIL, Channel.TELEGRAM);
    UUID ann = data.user(organization, "ann@example.com");
    UUID gone = data.deactivatedUser(organization, "gone@example.com");
    data.scheduleEmailRecipient(schedule, ann);
    data.scheduleEmailRecipient(schedule, gone);
    data.scheduleTelegramRecipient(schedule, -4567L);
    data.scheduleTelegramRecipient(schedule, 999L);
    data.orgTelegramRecipient(organization, -4567L);
    data.orgTelegramRecipient(organization, 999L);
    telegram.migrateChat(-4567L, -1004567L).blockedChat(999L);
    loops.failNext(FakeLoopsServer.Reply.serverError());
    Run run = data.run(schedule);

    DeliveryOutcome outcome = runner(log).deliver(schedule, run, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(2, 1, 1));
    assertThat(loops.delivered())
        .extracting(FakeLoopsServer.Email::email)
        .containsExactly("ann@example.com");
    assertThat(telegram.deliveredTo(-1004567L)).hasSize(1);
    assertThat(data.scheduleChats(schedule)).containsExactly(-1004567L, 999L);

    Map<String, SharedReportNotificationsRecord> rows = rowsByKey(run);
    assertThat(rows).containsOnlyKeys("user:" + ann, "user:" + gone, "chat:-4567", "chat:999");
    assertThat(rows.get("user:" + ann).getStatus()).isEqualTo("sent");
    assertThat(rows.get("user:" + ann).getRecipientUserId()).isEqualTo(ann);
    assertThat(rows.get("user:" + ann).getPayload().data())
        .contains("\"attempts\": 2", "\"provider\": \"loops\"", "\"sha256\": \"" + file.sha256());
    assertThat(rows.get("user:" + gone).getStatus()).isEqualTo("skipped");
    assertThat(rows.get("user:" + gone).getPayload().data())
        .contains("is deactivated", "\"skipped\": true");
    assertThat(rows.get("chat:-4567").getStatus()).isEqualTo("sent");
    assertThat(rows.get("chat:-4567").getTelegramChatId()).isEqualTo(-4567L);
    assertThat(rows.get("chat:-4567").getPayload().data())
        .contains("\"migrated_to_chat_id\": -1004567");
    assertThat(rows.get("chat:999").getStatus()).isEqualTo("failed");
    assertThat(rows.get("chat:999").getPayload().data()).contains("bot was blocked by the user");
    assertThat(rows.values())
        .allSatisfy(r -> assertThat(r.getOrganizationId()).isEqualTo(organization));
  }

  @Test
  void aChannelWithNoRecipientsAnywhereIsAFailedRowSayingSo() {
    ReportDefinition schedule = data.schedule(organization, Channel.TELEGRAM);
    Run run = data.run(schedule);

    DeliveryOutcome outcome = runner(log).deliver(schedule, run, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(0, 1));
    SharedReportNotificationsRecord row = rowsByKey(run).get("none");
    assertThat(row.getStatus()).isEqualTo("failed");
    assertThat(row.getChannel()).isEqualTo("telegram");
    assertThat(row.getPayload().data()).contains("no telegram recipients");
  }

  @Test
  void aCrashAfterLoopsAcceptedIsRecoveredByTheNextAttemptWithoutASecondEmail() {
    ReportDefinition schedule = data.schedule(organization, Channel.EMAIL);
    UUID ann = data.user(organization, "ann@example.com");
    UUID bob = data.user(organization, "bob@example.com");
    data.orgEmailRecipient(organization, ann);
    data.orgEmailRecipient(organization, bob);
    Run run = data.run(schedule);

    assertThatThrownBy(
            () -> runner(FaultyDeliveryLog.dyingAfterSend(log)).deliver(schedule, run, file))
        .isInstanceOf(FaultyDeliveryLog.ProcessDeath.class);
    assertThat(loops.delivered()).hasSize(1);
    assertThat(rowsByKey(run).get("user:" + ann).getStatus()).isEqualTo("pending");
    assertThat(rowsByKey(run)).doesNotContainKey("user:" + bob);

    Run recovered = data.takeOver(run);
    DeliveryOutcome outcome = runner(log).deliver(schedule, recovered, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(2, 0));
    assertThat(loops.deliveredTo("ann@example.com")).hasSize(1);
    assertThat(loops.deliveredTo("bob@example.com")).hasSize(1);
    assertThat(rowsByKey(run)).hasSize(2);
    assertThat(rowsByKey(run).get("user:" + ann).getStatus()).isEqualTo("sent");
    assertThat(rowsByKey(run).get("user:" + ann).getPayload().data())
        .contains("\"already_delivered\": true", "\"previous_status\": \"pending\"");
  }

  private Map<String, SharedReportNotificationsRecord> rowsByKey(Run run) {
    return db.selectFrom(SHARED_REPORT_NOTIFICATIONS)
        .where(SHARED_REPORT_NOTIFICATIONS.RUN_ID.eq(run.id()))
        .fetchMap(SHARED_REPORT_NOTIFICATIONS.RECIPIENT_KEY);
  }
}
