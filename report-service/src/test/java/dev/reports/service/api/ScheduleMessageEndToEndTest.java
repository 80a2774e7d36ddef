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
import dev.reports.jooq.tables.records.SharedReportRunsRecord;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.report.VideosReport;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.jooq.JSONB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schedule's name, CSV format and {@code skip_if_empty}, set over HTTP, shape what its runs send:
 * the file's bytes, the email's variables and the Telegram caption, or nothing at all.
 */
@Timeout(120)
class ScheduleMessageEndToEndTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  @TempDir static Path work;
  static final FakeLoopsServer loops = new FakeLoopsServer();
  static final FakeTelegramServer telegram = new FakeTelegramServer();
  static final String LINKS = "https://app.example.com/s/{slug}";
  static ApiServer api;

  @BeforeAll
  static void start() {
    api =
        ApiServer.start(
            db.dataSource(),
            ProviderEngine.setup(
                db,
                work,
                loops,
                telegram,
                (dsl, link) ->
                    new VideosReport(dsl, link, VideosReport.DEFAULT_FETCH_SIZE, LINKS)));
  }

  @AfterAll
  static void stop() {
    api.close();
    loops.close();
    telegram.close();
  }

  @Test
  void aNamedSemicolonScheduleSendsItsCsvAndExplainsItselfInTheEmailAndTheCaption() {
    Org org = api.data.org("Digest");
    String token = Tokens.valid(org.admin());
    long chat = connectChat(org);
    UUID colleague = api.data.user(org, "Colleague");
    setFilters(org.link(), "{\"published_within_days\": 7}");
    api.data.video(org, "Fish; chips", Instant.now().minus(Duration.ofDays(1)), 12);
    api.data.video(org, "Old one", Instant.now().minus(Duration.ofDays(30)), 5);

    String id =
        create(
            token,
            ScheduleBody.daily(org.link())
                .with("timezone", "Asia/Tokyo")
                .with("send_email", true)
                .with("name", "  Weekly creators digest ")
                .with("csv", Map.of("delimiter", ";", "bom", true))
                .recipients(ScheduleBody.email(colleague), ScheduleBody.telegram(chat)));
    SharedReportRunsRecord run = runNow(token, id);

    assertThat(run.getStatus()).isEqualTo("succeeded");
    LocalDate today =
        LocalDate.ofInstant(run.getScheduledFor().toInstant(), ZoneId.of("Asia/Tokyo"));
    String period = today.minusDays(6) + " – " + today;
    FakeTelegramServer.Upload upload = telegram.deliveredTo(chat).get(0);
    assertThat(upload.content())
        .startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 't', (byte) 'i');
    String csv = new String(upload.content(), StandardCharsets.UTF_8).substring(1);
    assertThat(csv)
        .startsWith("title;video_url;platform;status;")
        .contains("\"Fish; chips\";")
        .doesNotContain("Old one");
    assertThat(upload.caption())
        .isEqualTo(
            "Weekly creators digest\n1 row · "
                + period
                + " · Asia/Tokyo\nhttps://app.example.com/s/digest-videos");
    FakeLoopsServer.Email email = loops.deliveredTo(api.data.email(colleague)).get(0);
    assertThat(email.attachments().get(0).data()).isEqualTo(upload.content());
    assertThat(email.dataVariables())
        .containsEntry("reportName", "Weekly creators digest")
        .containsEntry("sharedLinkName", "digest-videos")
        .containsEntry("rowCount", 1)
        .containsEntry("period", period)
        .containsEntry("periodFrom", today.minusDays(6).toString())
        .containsEntry("periodTo", today.toString())
        .containsEntry("timezone", "Asia/Tokyo")
        .containsEntry("sharedLinkUrl", "https://app.example.com/s/digest-videos");
  }

  @Test
  void anEmptyReportOfASkippingScheduleSendsNothingAndIsRecordedSkippedEmpty() {
    Org org = api.data.org("Quiet");
    String token = Tokens.valid(org.admin());
    long chat = connectChat(org);
    String id =
        create(
            token,
            ScheduleBody.daily(org.link())
                .with("skip_if_empty", true)
                .recipients(ScheduleBody.telegram(chat)));

    SharedReportRunsRecord run = runNow(token, id);

    assertThat(run.getStatus()).isEqualTo("skipped_empty");
    assertThat(run.getRowCount()).isZero();
    assertThat(run.getError()).isNull();
    assertThat(telegram.deliveredTo(chat)).isEmpty();
    assertThat(
            api.dsl.fetchCount(
                SHARED_REPORT_NOTIFICATIONS, SHARED_REPORT_NOTIFICATIONS.RUN_ID.eq(run.getId())))
        .isZero();
    JsonNode schedule = api.get("/v1/report-schedules/" + id, token).json();
    assertThat(schedule.get("last_run_status").asText()).isEqualTo("skipped_empty");
  }

  @Test
  void anEmptyReportIsStillSentAsAHeaderOnlyCsvByDefault() {
    Org org = api.data.org("Silent");
    String token = Tokens.valid(org.admin());
    long chat = connectChat(org);
    String id =
        create(token, ScheduleBody.daily(org.link()).recipients(ScheduleBody.telegram(chat)));

    SharedReportRunsRecord run = runNow(token, id);

    assertThat(run.getStatus()).isEqualTo("succeeded");
    FakeTelegramServer.Upload upload = telegram.deliveredTo(chat).get(0);
    assertThat(new String(upload.content(), StandardCharsets.UTF_8))
        .isEqualTo(
            "title,video_url,platform,status,campaign_tag,channel_username,published_at,"
                + "created_at,views,likes,comments,reposts\r\n");
    assertThat(upload.caption()).startsWith("silent-videos\n0 rows · all time, as of ");
  }

  private static String create(String token, ScheduleBody body) {
    Response r = api.post("/v1/report-schedules", token, body.json());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  /** Runs the schedule now and waits for the run to end. */
  private static SharedReportRunsRecord runNow(String token, String id) {
    Response r = api.post("/v1/report-schedules/" + id + "/run", token, null);
    assertThat(r.status()).as(r.toString()).isEqualTo(202);
    UUID runId = UUID.fromString(r.json().get("run_id").asText());
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> api.dsl.fetchOne(SHARED_REPORT_RUNS, SHARED_REPORT_RUNS.ID.eq(runId)),
            run -> run != null && run.getFinishedAt() != null);
  }

  /** A Telegram chat the organization has connected. */
  private static long connectChat(Org org) {
    long chat = -1_000_000_000_000L - Math.abs(org.id().getLeastSignificantBits() % 1_000_000);
    api.dsl
        .insertInto(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS)
        .set(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.ID, UUID.randomUUID())
        .set(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.ORGANIZATION_ID, org.id())
        .set(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.TELEGRAM_CHAT_ID, chat)
        .execute();
    return chat;
  }

  private static void setFilters(UUID link, String filters) {
    api.dsl
        .update(SHARED_LINKS)
        .set(SHARED_LINKS.FILTERS, JSONB.valueOf(filters))
        .where(SHARED_LINKS.ID.eq(link))
        .execute();
  }
}
