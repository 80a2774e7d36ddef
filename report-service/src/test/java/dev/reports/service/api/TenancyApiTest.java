package dev.reports.service.api;

import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static dev.reports.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.report.VideosReport;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenants sharing one bot, through HTTP on PostgreSQL with the real pipeline (fake Telegram and
 * Loops): a schedule may name only the Telegram chats its organization connected; a chat
 * disconnected later is skipped at run time, not failed; and the host may delete a user or a shared
 * link the report tables name.
 */
@Timeout(120)
class TenancyApiTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  @TempDir static Path work;
  static final FakeLoopsServer loops = new FakeLoopsServer();
  static final FakeTelegramServer telegram = new FakeTelegramServer();
  static final long OURS = -1001000000001L;
  static final long ALSO_OURS = -1001000000002L;
  static final long THEIRS = -1002000000001L;
  static ApiServer api;
  static Org org;
  static Org other;
  static String token;

  @BeforeAll
  static void start() {
    api =
        ApiServer.start(
            db.dataSource(), ProviderEngine.setup(db, work, loops, telegram, VideosReport::new));
    org = api.data.org("Ours");
    other = api.data.org("Theirs");
    token = Tokens.valid(org.admin());
    api.data.connectTelegramChats(org, OURS, ALSO_OURS);
    api.data.connectTelegramChats(other, THEIRS);
  }

  @AfterAll
  static void stop() {
    api.close();
    loops.close();
    telegram.close();
  }

  private static Response create(ScheduleBody body) {
    return api.post("/v1/report-schedules", token, body.json());
  }

  private static String created(ScheduleBody body) {
    Response r = create(body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static List<JsonNode> notifications(String id) {
    Response r = api.get("/v1/report-schedules/" + id + "/notifications?limit=100", token);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    r.json().get("items").forEach(items::add);
    return items;
  }

  /** Runs the schedule now and waits until its run has ended; returns the schedule read back. */
  private static JsonNode runAndWait(String id) {
    Response run = api.post("/v1/report-schedules/" + id + "/run", token, null);
    assertThat(run.status()).as(run.toString()).isEqualTo(202);
    String runId = run.json().get("run_id").asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                api.dsl.fetchExists(
                    dev.reports.jooq.Tables.SHARED_REPORT_RUNS,
                    dev.reports.jooq.Tables.SHARED_REPORT_RUNS.ID.eq(UUID.fromString(runId)),
                    dev.reports.jooq.Tables.SHARED_REPORT_RUNS.FINISHED_AT.isNotNull()));
    return api.get("/v1/report-schedules/" + id, token).json();
  }

  private static void assertChatRefused(Response r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(422);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("errors").findValuesAsText("field")).containsExactly(field);
  }

  @Test
  void aScheduleMayNameOnlyTheChatsItsOrganizationConnected() {
    assertChatRefused(
        create(ScheduleBody.daily(org.link()).recipients(ScheduleBody.telegram(-1009999999999L))),
        "recipients[0].telegram_chat_id");
    // another organization's chat is refused exactly like a chat nobody connected
    Response theirs =
        create(
            ScheduleBody.daily(org.link())
                .recipients(ScheduleBody.telegram(OURS), ScheduleBody.telegram(THEIRS)));
    assertChatRefused(theirs, "recipients[1].telegram_chat_id");
    assertThat(theirs.body()).doesNotContain(other.id().toString());

    String id = created(ScheduleBody.daily(org.link()).recipients(ScheduleBody.telegram(OURS)));

    assertChatRefused(
        api.patch(
            "/v1/report-schedules/" + id,
            token,
            "{\"recipients\": [{\"channel\": \"telegram\", \"telegram_chat_id\": "
                + OURS
                + "}, {\"channel\": \"telegram\", \"telegram_chat_id\": "
                + THEIRS
                + "}]}"),
        "recipients[1].telegram_chat_id");
    Response ok =
        api.patch(
            "/v1/report-schedules/" + id,
            token,
            "{\"recipients\": [{\"channel\": \"telegram\", \"telegram_chat_id\": "
                + ALSO_OURS
                + "}]}");
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
  }

  @Test
  void aChatDisconnectedAfterTheScheduleWasSavedIsSkippedNotFailed() {
    long leaving = -1001000000077L;
    api.data.connectTelegramChats(org, leaving);
    String id =
        created(
            ScheduleBody.daily(org.link())
                .recipients(ScheduleBody.telegram(OURS), ScheduleBody.telegram(leaving)));
    api.data.disconnectTelegramChat(org, leaving);

    // its recipients sent back unchanged stay valid (the run skips the chat); adding it anew is not
    String listed =
        "{\"recipients\": [{\"channel\": \"telegram\", \"telegram_chat_id\": "
            + OURS
            + "}, {\"channel\": \"telegram\", \"telegram_chat_id\": "
            + leaving
            + "}]}";
    Response unchanged = api.patch("/v1/report-schedules/" + id, token, listed);
    assertThat(unchanged.status()).as(unchanged.toString()).isEqualTo(200);
    assertChatRefused(
        create(ScheduleBody.daily(org.link()).recipients(ScheduleBody.telegram(leaving))),
        "recipients[0].telegram_chat_id");

    JsonNode after = runAndWait(id);

    assertThat(after.get("last_run_status").asText()).isEqualTo("succeeded");
    List<JsonNode> rows = notifications(id);
    assertThat(rows).hasSize(2);
    JsonNode skipped =
        rows.stream()
            .filter(n -> n.get("telegram_chat_id").asLong() == leaving)
            .findFirst()
            .orElseThrow();
    assertThat(skipped.get("status").asText()).isEqualTo("skipped");
    assertThat(skipped.get("payload").get("reason").asText()).contains("no longer connected");
    assertThat(telegram.deliveredTo(leaving)).isEmpty();
    assertThat(telegram.deliveredTo(OURS)).isNotEmpty();
  }

  @Test
  void aRunWhoseEveryChatWasDisconnectedSentNothingAndFails() {
    long leaving = -1001000000088L;
    api.data.connectTelegramChats(org, leaving);
    String id = created(ScheduleBody.daily(org.link()).recipients(ScheduleBody.telegram(leaving)));
    api.data.disconnectTelegramChat(org, leaving);

    JsonNode after = runAndWait(id);

    assertThat(after.get("last_run_status").asText()).isEqualTo("failed");
    assertThat(notifications(id))
        .extracting(n -> n.get("status").asText())
        .containsExactlyInAnyOrder("skipped", "failed");
    assertThat(telegram.deliveredTo(leaving)).isEmpty();
  }

  @Test
  void theHostDeletesUsersTheSchedulesNameAndTheApiAndTheLogCarryOn() {
    UUID reader = api.data.user(org, "Reader");
    UUID author = api.data.user(org, "Author");
    String id =
        api.post(
                "/v1/report-schedules",
                Tokens.valid(author),
                ScheduleBody.daily(org.link())
                    .with("send_email", true)
                    .with("send_telegram", false)
                    .recipients(ScheduleBody.email(reader), ScheduleBody.email(org.admin()))
                    .json())
            .json()
            .get("id")
            .asText();
    assertThat(runAndWait(id).get("last_run_status").asText()).isEqualTo("succeeded");

    api.dsl.deleteFrom(USERS).where(USERS.ID.in(reader, author)).execute();

    JsonNode read = api.get("/v1/report-schedules/" + id, token).json();
    assertThat(read.get("created_by").isNull()).isTrue();
    assertThat(read.get("recipients").findValuesAsText("user_id"))
        .containsExactly(org.admin().toString());
    List<JsonNode> log = notifications(id);
    assertThat(log)
        .hasSize(2)
        .allSatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("sent"));
    assertThat(log.stream().filter(n -> n.get("user_id") == null || n.get("user_id").isNull()))
        .as("the deleted reader's delivery stays, without its user")
        .hasSize(1);
    assertThat(runAndWait(id).get("last_run_status").asText()).isEqualTo("succeeded");
  }

  @Test
  void theHostDeletesASharedLinkAndItsSchedulesGoWithItsTriggersButKeepTheirHistory() {
    UUID link = api.data.link(org, "doomed");
    String id = created(ScheduleBody.daily(link).recipients(ScheduleBody.telegram(OURS)));
    UUID scheduleId = UUID.fromString(id);
    assertThat(runAndWait(id).get("last_run_status").asText()).isEqualTo("succeeded");
    assertThat(api.engine.upcoming(scheduleId, 1)).hasSize(1);

    api.dsl.deleteFrom(SHARED_LINKS).where(SHARED_LINKS.ID.eq(link)).execute();

    assertThat(api.get("/v1/report-schedules/" + id, token).status()).isEqualTo(404);
    assertThat(api.post("/v1/report-schedules/" + id + "/run", token, null).status())
        .isEqualTo(404);
    assertThat(
            api.get("/v1/report-schedules?limit=100", token)
                .json()
                .get("items")
                .findValuesAsText("id"))
        .doesNotContain(id);
    assertThat(notifications(id)).hasSize(1);

    // the engine's reconciliation removes the trigger of a schedule that is gone
    api.engine.reconcile();
    assertThat(api.engine.upcoming(scheduleId, 1)).isEmpty();
    assertThat(
            api.dsl
                .fetchSingle(SHARED_REPORT_SCHEDULES, SHARED_REPORT_SCHEDULES.ID.eq(scheduleId))
                .getDeletedAt())
        .isNotNull();
    assertThat(notifications(id)).hasSize(1);
  }
}
