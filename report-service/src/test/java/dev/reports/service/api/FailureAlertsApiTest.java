package dev.reports.service.api;

import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS;
import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.jooq.tables.records.SharedReportNotificationsRecord;
import dev.reports.jooq.tables.records.SharedReportRunsRecord;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.delivery.JooqAlertTargets;
import dev.reports.service.report.VideosReport;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jooq.JSONB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failure alerts through the whole product: a schedule whose shared link's filters are broken fails
 * every run; its creator hears of each failure (Loops, the alert template, no attachment) and the
 * organization's chats too when it sends to Telegram; after five failures in a row it is disabled
 * with the reason in the API, and enabling it again starts over. An alert the provider refuses is
 * recorded as failed and leaves the run as it was.
 */
@Timeout(180)
class FailureAlertsApiTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  @TempDir static Path work;
  static final String ALERT_TEMPLATE = "cm3reportsalert0001";
  static final FakeLoopsServer loops = new FakeLoopsServer().withTemplate(ALERT_TEMPLATE);
  static final FakeTelegramServer telegram = new FakeTelegramServer();
  static ApiServer api;

  @BeforeAll
  static void start() {
    ApiServer.EngineSetup providers =
        ProviderEngine.setup(
            db,
            work,
            loops,
            telegram,
            VideosReport::new,
            "REPORTS_LOOPS_ALERT_TRANSACTIONAL_ID",
            ALERT_TEMPLATE);
    api =
        ApiServer.start(
            db.dataSource(),
            (dataSource, dsl, registry) ->
                providers
                    .builder(dataSource, dsl, registry)
                    .alertTargets(new JooqAlertTargets(dsl))
                    .autoPauseAfter(5));
  }

  @AfterEach
  void openGates() {
    loops.gate(email -> null);
  }

  @AfterAll
  static void stop() {
    api.close();
    loops.close();
    telegram.close();
  }

  /** An organization whose shared link's filters name a key the product does not know. */
  private static Org brokenOrg(String name) {
    Org org = api.data.org(name);
    api.dsl
        .update(SHARED_LINKS)
        .set(SHARED_LINKS.FILTERS, JSONB.valueOf("{\"colour\": [\"red\"]}"))
        .where(SHARED_LINKS.ID.eq(org.link()))
        .execute();
    return org;
  }

  private static String create(String token, ScheduleBody body) {
    Response created = api.post("/v1/report-schedules", token, body.json());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  /** Runs the schedule now and waits until the run's end is recorded. */
  private static SharedReportRunsRecord runToEnd(String id, String token) {
    Response run = api.post("/v1/report-schedules/" + id + "/run", token, null);
    assertThat(run.status()).as(run.toString()).isEqualTo(202);
    UUID runId = UUID.fromString(run.json().get("run_id").asText());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !"running".equals(runRow(runId).getStatus()));
    return runRow(runId);
  }

  private static SharedReportRunsRecord runRow(UUID runId) {
    SharedReportRunsRecord row =
        api.dsl.selectFrom(SHARED_REPORT_RUNS).where(SHARED_REPORT_RUNS.ID.eq(runId)).fetchOne();
    return row == null ? new SharedReportRunsRecord().setStatus("running") : row;
  }

  private static List<FakeLoopsServer.Email> alertsTo(String email) {
    return loops.deliveredTo(email).stream()
        .filter(e -> Boolean.TRUE.equals(e.dataVariables().get("isAlert")))
        .toList();
  }

  private static List<SharedReportNotificationsRecord> alertRows(UUID runId) {
    return api.dsl
        .selectFrom(SHARED_REPORT_NOTIFICATIONS)
        .where(
            SHARED_REPORT_NOTIFICATIONS.RUN_ID.eq(runId),
            SHARED_REPORT_NOTIFICATIONS.RECIPIENT_KEY.startsWith("alert:"))
        .fetch();
  }

  @Test
  void aScheduleThatKeepsFailingAlertsItsCreatorEachTimeAndIsPausedAfterFiveInARow() {
    Org org = brokenOrg("Broken");
    String token = Tokens.valid(org.admin());
    UUID colleague = api.data.user(org, "Colleague");
    String creatorEmail = api.data.email(org.admin());
    String id =
        create(
            token,
            ScheduleBody.daily(org.link())
                .with("send_email", true)
                .with("send_telegram", false)
                .recipients(ScheduleBody.email(colleague)));

    for (int failure = 1; failure <= 5; failure++) {
      SharedReportRunsRecord run = runToEnd(id, token);
      assertThat(run.getStatus()).isEqualTo("failed");
      assertThat(run.getError()).contains("unknown filter key \"colour\"");
      int expected = failure;
      await().atMost(Duration.ofSeconds(10)).until(() -> alertsTo(creatorEmail).size() == expected);
      FakeLoopsServer.Email alert = alertsTo(creatorEmail).get(failure - 1);
      assertThat(alert.transactionalId()).isEqualTo(ALERT_TEMPLATE);
      assertThat(alert.attachments()).isEmpty();
      assertThat(alert.dataVariables())
          .containsEntry("runId", run.getId().toString())
          .containsEntry("runUrl", "/v1/report-runs/" + run.getId())
          .containsEntry("reportName", "broken-videos")
          .containsEntry("failuresInRow", failure)
          .containsEntry("autoPaused", failure == 5);
      assertThat((String) alert.dataVariables().get("alertReason"))
          .contains("unknown filter key \"colour\"");
      JsonNode schedule = api.get("/v1/report-schedules/" + id, token).json();
      assertThat(schedule.get("enabled").asBoolean())
          .as("after %d failures", failure)
          .isEqualTo(failure < 5);
    }
    // one alert per failed run, never the report's recipient, never a report
    assertThat(alertsTo(creatorEmail)).hasSize(5);
    assertThat(loops.deliveredTo(api.data.email(colleague))).isEmpty();

    JsonNode paused = api.get("/v1/report-schedules/" + id, token).json();
    assertThat(paused.get("enabled").asBoolean()).isFalse();
    assertThat(paused.get("disabled_reason").asText())
        .contains("5 failed runs in a row")
        .contains("unknown filter key");
    assertThat(paused.get("next_run_at").isNull()).isTrue();
    assertThat(api.get("/v1/report-schedules/" + id + "/upcoming", token).json().get("runs"))
        .isEmpty();

    // the alerts are in the delivery log, told apart from reports
    JsonNode log = api.get("/v1/report-schedules/" + id + "/notifications?limit=100", token).json();
    assertThat(log.get("items")).hasSize(5);
    log.get("items")
        .forEach(
            n -> {
              assertThat(n.get("status").asText()).isEqualTo("sent");
              assertThat(n.get("payload").get("kind").asText()).isEqualTo("alert");
              assertThat(n.get("user_id").asText()).isEqualTo(org.admin().toString());
            });

    Response enabled = api.patch("/v1/report-schedules/" + id, token, "{\"enabled\": true}");
    assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
    assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
    assertThat(enabled.json().get("disabled_reason").isNull()).isTrue();
    assertThat(enabled.json().get("next_run_at").isNull()).isFalse();

    // the count started over: the next failure is the first of a new streak
    runToEnd(id, token);
    await().atMost(Duration.ofSeconds(10)).until(() -> alertsTo(creatorEmail).size() == 6);
    assertThat(alertsTo(creatorEmail).get(5).dataVariables())
        .containsEntry("failuresInRow", 1)
        .containsEntry("autoPaused", false);
    JsonNode after = api.get("/v1/report-schedules/" + id, token).json();
    assertThat(after.get("enabled").asBoolean()).isTrue();
    assertThat(after.get("disabled_reason").isNull()).isTrue();
  }

  @Test
  void aScheduleThatSendsToTelegramAlsoAlertsTheOrganizationsChatsWithAPlainMessage() {
    Org org = brokenOrg("Chatty");
    String token = Tokens.valid(org.admin());
    long chat = -1009876543210L;
    api.dsl
        .insertInto(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS)
        .set(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.ID, UUID.randomUUID())
        .set(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.ORGANIZATION_ID, org.id())
        .set(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.TELEGRAM_CHAT_ID, chat)
        .execute();
    String id =
        create(
            token,
            ScheduleBody.daily(org.link())
                .with("send_telegram", true)
                .recipients(ScheduleBody.telegram(chat)));

    SharedReportRunsRecord run = runToEnd(id, token);

    assertThat(run.getStatus()).isEqualTo("failed");
    await().atMost(Duration.ofSeconds(10)).until(() -> telegram.messagesTo(chat).size() == 1);
    String text = telegram.messagesTo(chat).get(0).text();
    assertThat(text)
        .contains("chatty-videos")
        .contains("unknown filter key \"colour\"")
        .contains("/v1/report-runs/" + run.getId());
    assertThat(telegram.deliveredTo(chat)).as("no report document").isEmpty();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> alertsTo(api.data.email(org.admin())).size() == 1);
    assertThat(alertRows(run.getId()))
        .extracting(SharedReportNotificationsRecord::getStatus)
        .containsOnly("sent")
        .hasSize(2);
  }

  @Test
  void anAlertTheProviderRefusesIsRecordedFailedAndLeavesTheRunAsItEnded() {
    Org org = brokenOrg("Refused");
    String token = Tokens.valid(org.admin());
    String id = create(token, ScheduleBody.daily(org.link()).with("send_email", true));
    loops.gate(
        email ->
            Boolean.TRUE.equals(email.dataVariables().get("isAlert"))
                ? FakeLoopsServer.Reply.serverError()
                : null);

    SharedReportRunsRecord run = runToEnd(id, token);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> alertRows(run.getId()).stream().anyMatch(r -> r.getStatus().equals("failed")));
    SharedReportRunsRecord after = runRow(run.getId());
    assertThat(after.getStatus()).isEqualTo("failed");
    assertThat(after.getError()).isEqualTo(run.getError()).contains("unknown filter key");
    assertThat(after.getFinishedAt()).isEqualTo(run.getFinishedAt());
    SharedReportNotificationsRecord alert = alertRows(run.getId()).get(0);
    assertThat(alert.getPayload().data()).contains("Loops answered 500").contains("\"alert\"");
    assertThat(alertsTo(api.data.email(org.admin()))).isEmpty();
    JsonNode schedule = api.get("/v1/report-schedules/" + id, token).json();
    assertThat(schedule.get("enabled").asBoolean()).isTrue();
    assertThat(schedule.get("last_run_status").asText()).isEqualTo("failed");
  }
}
