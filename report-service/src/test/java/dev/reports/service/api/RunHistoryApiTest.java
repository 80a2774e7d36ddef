package dev.reports.service.api;

import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * A schedule's run history and one run with its deliveries, through HTTP on the whole pipeline:
 * newest first and cursor-paged, scoped to the caller's organization, readable after the schedule
 * is deleted, and never showing a provider credential.
 */
@Timeout(120)
class RunHistoryApiTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  @TempDir static Path work;
  static final FakeLoopsServer loops = new FakeLoopsServer();
  static final FakeTelegramServer telegram = new FakeTelegramServer();
  static final long CHAT = -1001234567890L;
  static final long URL_ECHOING_CHAT = -1009876543210L;
  static ApiServer api;
  static Org org;
  static String token;

  @BeforeAll
  static void start() {
    api = RealPipeline.start(db, loops, telegram, work);
    org = api.data.org("Acme");
    token = Tokens.valid(org.admin());
    api.data.telegramChat(org, CHAT);
    api.data.telegramChat(org, URL_ECHOING_CHAT);
    api.data.video(org, "Launch day", Instant.parse("2026-03-01T10:00:00Z"), 1500);
    api.data.video(org, "Second", Instant.parse("2026-03-02T10:00:00Z"), 20);
  }

  @AfterAll
  static void stop() {
    api.close();
    loops.close();
    telegram.close();
  }

  /** A schedule sending to these recipients, over the channels they use. */
  private static String schedule(Object... recipients) {
    String body =
        ScheduleBody.daily(org.link())
            .with("send_email", uses("email", recipients))
            .with("send_telegram", uses("telegram", recipients))
            .recipients(recipients)
            .json();
    Response created = api.post("/v1/report-schedules", token, body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  private static boolean uses(String channel, Object... recipients) {
    for (Object r : recipients) {
      if (channel.equals(((java.util.Map<?, ?>) r).get("channel"))) {
        return true;
      }
    }
    return false;
  }

  /** Runs the schedule now and waits until its run has ended; the run as the API shows it. */
  private static JsonNode runToTheEnd(String scheduleId) {
    Response started = api.post("/v1/report-schedules/" + scheduleId + "/run", token, null);
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String runId = started.json().get("run_id").asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              Response run = api.get("/v1/report-runs/" + runId, token);
              return run.status() == 200 && !run.json().get("finished_at").isNull();
            });
    return api.get("/v1/report-runs/" + runId, token).json();
  }

  private static List<JsonNode> items(Response page) {
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    page.json().get("items").forEach(items::add);
    return items;
  }

  @Test
  void aRunShowsHowItEndedAndEveryDelivery() {
    UUID colleague = api.data.user(org, "Colleague");
    String id = schedule(ScheduleBody.email(colleague), ScheduleBody.telegram(CHAT));

    JsonNode run = runToTheEnd(id);

    assertThat(run.get("schedule_id").asText()).isEqualTo(id);
    assertThat(run.get("kind").asText()).isEqualTo("manual");
    assertThat(run.get("status").asText()).isEqualTo("succeeded");
    assertThat(run.get("row_count").asLong()).isEqualTo(2);
    assertThat(run.get("bytes").asLong()).isPositive();
    assertThat(run.get("sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(run.get("error").isNull()).isTrue();
    Instant scheduledFor = Instant.parse(run.get("scheduled_for").asText());
    Instant startedAt = Instant.parse(run.get("started_at").asText());
    Instant finishedAt = Instant.parse(run.get("finished_at").asText());
    assertThat(finishedAt).isAfterOrEqualTo(startedAt);
    assertThat(startedAt).isAfterOrEqualTo(scheduledFor.minusSeconds(5));
    List<JsonNode> deliveries = new ArrayList<>();
    run.get("deliveries").forEach(deliveries::add);
    assertThat(deliveries)
        .extracting(d -> d.get("channel").asText() + ":" + d.get("status").asText())
        .containsExactlyInAnyOrder("email:sent", "telegram:sent");
    assertThat(deliveries)
        .allSatisfy(
            d -> {
              assertThat(d.get("run_id").asText()).isEqualTo(run.get("id").asText());
              assertThat(d.get("payload").get("rows").asLong()).isEqualTo(2);
            });
    // the same deliveries, shown the same way, as the schedule's delivery log
    List<JsonNode> log = items(api.get("/v1/report-schedules/" + id + "/notifications", token));
    assertThat(log).containsExactlyInAnyOrderElementsOf(deliveries);
  }

  @Test
  void theHistoryIsNewestFirstAndCursorPaged() {
    String id = schedule(ScheduleBody.telegram(CHAT));
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      started.add(runToTheEnd(id).get("id").asText());
    }

    Response first = api.get("/v1/report-schedules/" + id + "/runs?limit=2", token);
    List<JsonNode> page1 = items(first);
    String cursor = first.json().get("next_cursor").asText();
    Response second =
        api.get("/v1/report-schedules/" + id + "/runs?limit=2&cursor=" + cursor, token);
    List<JsonNode> page2 = items(second);

    List<String> ids = new ArrayList<>();
    page1.forEach(r -> ids.add(r.get("id").asText()));
    page2.forEach(r -> ids.add(r.get("id").asText()));
    assertThat(ids).containsExactly(started.get(2), started.get(1), started.get(0));
    assertThat(second.json().get("next_cursor").isNull()).isTrue();
    assertThat(page1.get(0).has("deliveries")).as("a list item has no deliveries").isFalse();
    assertThat(page1.get(0).get("status").asText()).isEqualTo("succeeded");
    assertThat(page1.get(0).get("kind").asText()).isEqualTo("manual");

    // a cursor of another list, or not a cursor at all, is refused
    String notifications =
        api.get("/v1/report-schedules/" + id + "/notifications?limit=1", token)
            .json()
            .get("next_cursor")
            .asText();
    assertThat(
            api.get("/v1/report-schedules/" + id + "/runs?cursor=" + notifications, token).status())
        .isEqualTo(400);
    Response bad = api.get("/v1/report-schedules/" + id + "/runs?cursor=nope&limit=0", token);
    assertThat(bad.status()).isIn(400, 422);
    assertThat(bad.contentType()).startsWith("application/problem+json");
  }

  @Test
  void missedAndLateInstantsReadAsCatchUp() {
    String id = schedule(ScheduleBody.telegram(CHAT));
    UUID scheduleId = UUID.fromString(id);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // as the engine's ledger records them: on time, found late within the grace, found too late
    UUID onTime = api.data.run(scheduleId, now.minusSeconds(2));
    UUID late = api.data.run(scheduleId, now.minus(Duration.ofMinutes(40)));
    UUID missed = UUID.randomUUID();
    api.dsl
        .insertInto(SHARED_REPORT_RUNS)
        .set(SHARED_REPORT_RUNS.ID, missed)
        .set(SHARED_REPORT_RUNS.SCHEDULE_ID, scheduleId)
        .set(
            SHARED_REPORT_RUNS.SCHEDULED_FOR,
            now.minus(Duration.ofHours(9)).atOffset(ZoneOffset.UTC))
        .set(SHARED_REPORT_RUNS.KIND, "missed")
        .set(SHARED_REPORT_RUNS.STATUS, "skipped_missed")
        .set(SHARED_REPORT_RUNS.ATTEMPTS, 1)
        .set(SHARED_REPORT_RUNS.STARTED_AT, now.minusSeconds(1).atOffset(ZoneOffset.UTC))
        .set(SHARED_REPORT_RUNS.FINISHED_AT, now.minusSeconds(1).atOffset(ZoneOffset.UTC))
        .set(SHARED_REPORT_RUNS.ERROR, "missed: no node ran it within PT6H of its instant")
        .execute();

    assertThat(api.get("/v1/report-runs/" + onTime, token).json().get("kind").asText())
        .isEqualTo("scheduled");
    assertThat(api.get("/v1/report-runs/" + late, token).json().get("kind").asText())
        .isEqualTo("catch_up");
    JsonNode skipped = api.get("/v1/report-runs/" + missed, token).json();
    assertThat(skipped.get("kind").asText()).isEqualTo("catch_up");
    assertThat(skipped.get("status").asText()).isEqualTo("skipped_missed");
    assertThat(skipped.get("error").asText()).startsWith("missed: no node ran it");
    assertThat(skipped.get("deliveries")).isEmpty();
    assertThat(items(api.get("/v1/report-schedules/" + id + "/runs", token)))
        .extracting(r -> r.get("kind").asText())
        .containsExactlyInAnyOrder("scheduled", "catch_up", "catch_up");
  }

  @Test
  void anotherOrganizationsRunsAnswer404LikeMissingOnes() {
    String id = schedule(ScheduleBody.telegram(CHAT));
    String runId = runToTheEnd(id).get("id").asText();
    Org other = api.data.org("Other");
    String stranger = Tokens.valid(other.admin());

    Response foreignRun = api.get("/v1/report-runs/" + runId, stranger);
    Response missingRun = api.get("/v1/report-runs/" + UUID.randomUUID(), stranger);
    Response foreignList = api.get("/v1/report-schedules/" + id + "/runs", stranger);
    Response missingList = api.get("/v1/report-schedules/" + UUID.randomUUID() + "/runs", stranger);

    assertThat(foreignRun.status()).isEqualTo(404);
    assertThat(foreignRun.body()).isEqualTo(missingRun.body());
    assertThat(foreignList.status()).isEqualTo(404);
    assertThat(foreignList.body()).isEqualTo(missingList.body());
    assertThat(api.get("/v1/report-runs/not-a-run", token).status()).isEqualTo(404);
    assertThat(api.get("/v1/report-runs/" + runId, null).status()).isEqualTo(401);
  }

  @Test
  void aDeletedSchedulesRunsStayReadable() {
    String id = schedule(ScheduleBody.telegram(CHAT));
    String runId = runToTheEnd(id).get("id").asText();

    assertThat(api.delete("/v1/report-schedules/" + id, token).status()).isEqualTo(204);

    Response run = api.get("/v1/report-runs/" + runId, token);
    assertThat(run.status()).as(run.toString()).isEqualTo(200);
    assertThat(run.json().get("deliveries")).hasSize(1);
    assertThat(items(api.get("/v1/report-schedules/" + id + "/runs", token)))
        .extracting(r -> r.get("id").asText())
        .containsExactly(runId);
    assertThat(api.get("/v1/report-schedules/" + id, token).status()).isEqualTo(404);
  }

  @Test
  void aRunErrorQuotingACredentialIsShownWithoutIt() {
    String id = schedule(ScheduleBody.telegram(CHAT));
    // an unexpected exception's message, as the engine records it (class name: message)
    UUID run = api.data.run(UUID.fromString(id), Instant.now().truncatedTo(ChronoUnit.SECONDS));
    api.dsl
        .update(SHARED_REPORT_RUNS)
        .set(SHARED_REPORT_RUNS.STATUS, "failed")
        .set(
            SHARED_REPORT_RUNS.ERROR,
            "IllegalStateException: cannot reach jdbc:postgresql://reports:Hunter2pw@db:5432/r"
                + "?password=Hunter2pw via https://api.telegram.org/bot7713398155:"
                + "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendDocument (Authorization: Bearer eyJabc.def)")
        .where(SHARED_REPORT_RUNS.ID.eq(run))
        .execute();

    Response shown = api.get("/v1/report-runs/" + run, token);

    String error = shown.json().get("error").asText();
    assertThat(error)
        .startsWith("IllegalStateException: cannot reach jdbc:postgresql://<redacted>@db:5432/r")
        .contains("password=<redacted>", "/bot<redacted>/sendDocument", "Bearer <redacted>");
    assertThat(shown.body())
        .doesNotContain("Hunter2pw")
        .doesNotContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")
        .doesNotContain("eyJabc");
  }

  @Test
  void aFailedDeliveryWhoseProviderQuotesTheUrlNeverShowsTheBotToken() {
    // The provider (or a proxy in front of it) answers with a page that quotes the request URL,
    // and so the bot token in its path.
    telegram.gate(
        upload ->
            upload.chat() == URL_ECHOING_CHAT
                ? new FakeTelegramServer.Reply(
                    404,
                    "<html><body><h1>404 Not Found</h1><p>No route for POST "
                        + telegram.baseUrl()
                        + upload.path()
                        + "</p></body></html>",
                    "text/html",
                    false)
                : null);
    try {
      String id = schedule(ScheduleBody.telegram(URL_ECHOING_CHAT), ScheduleBody.telegram(CHAT));

      JsonNode run = runToTheEnd(id);

      assertThat(run.get("status").asText()).isEqualTo("partially_failed");
      assertThat(run.get("error").asText()).isEqualTo("1 of 2 deliveries failed");
      JsonNode failed = null;
      for (JsonNode d : run.get("deliveries")) {
        if (d.get("status").asText().equals("failed")) {
          failed = d;
        }
      }
      assertThat(failed).isNotNull();
      assertThat(failed.get("telegram_chat_id").asLong()).isEqualTo(URL_ECHOING_CHAT);
      // readable: says who answered what
      assertThat(failed.get("payload").get("error").asText())
          .contains("404")
          .contains("No route for POST");
      String secret = telegram.token();
      String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
      String afterColon = secret.substring(secret.indexOf(':') + 1);
      for (Response shown :
          List.of(
              api.get("/v1/report-runs/" + run.get("id").asText(), token),
              api.get("/v1/report-schedules/" + id + "/runs", token),
              api.get("/v1/report-schedules/" + id + "/notifications", token))) {
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body())
            .doesNotContain(secret)
            .doesNotContain(encoded)
            .doesNotContain(afterColon);
      }
    } finally {
      telegram.gate(upload -> null);
    }
  }
}
