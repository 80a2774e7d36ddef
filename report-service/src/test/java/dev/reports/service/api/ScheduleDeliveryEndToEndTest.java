package dev.reports.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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
 * The whole product through the API: a schedule created over HTTP fires at its instant, its CSV
 * reaches a fake Telegram and a fake Loops server, every delivery is readable through the API, and
 * deleting the schedule stops it but keeps that history.
 */
@Timeout(120)
class ScheduleDeliveryEndToEndTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  @TempDir static Path work;
  static final FakeLoopsServer loops = new FakeLoopsServer();
  static final FakeTelegramServer telegram = new FakeTelegramServer();
  static final long CHAT = -1001234567890L;
  static ApiServer api;
  static Org org;
  static String token;
  static UUID colleague;

  @BeforeAll
  static void start() {
    // The channels exactly as `start` configures them, pointed at the fake providers.
    api = RealPipeline.start(db, loops, telegram, work);
    org = api.data.org("Acme");
    api.data.connectTelegramChats(org, CHAT);
    token = Tokens.valid(org.admin());
    colleague = api.data.user(org, "Colleague");
    api.data.video(org, "Launch day", Instant.parse("2026-03-01T10:00:00Z"), 1500);
    api.data.video(org, "=SUM(A1) sneaky", Instant.parse("2026-03-02T10:00:00Z"), 20);
  }

  @AfterAll
  static void stop() {
    api.close();
    loops.close();
    telegram.close();
  }

  private static List<JsonNode> notifications(String id) {
    Response r = api.get("/v1/report-schedules/" + id + "/notifications?limit=100", token);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    r.json().get("items").forEach(items::add);
    return items;
  }

  @Test
  void aScheduleCreatedThroughTheApiFiresDeliversAndKeepsItsHistoryWhenDeleted() {
    // Fires once, a few seconds from now (a daily cron with a seconds field, in UTC).
    ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(4);
    String cron = at.getSecond() + " " + at.getMinute() + " " + at.getHour() + " * * *";
    String body =
        ScheduleBody.daily(org.link())
            .without("cadence")
            .without("scheduled_time")
            .with("cron_expression", cron)
            .with("timezone", "UTC")
            .with("send_email", true)
            .recipients(ScheduleBody.email(colleague), ScheduleBody.telegram(CHAT))
            .json();
    Response created = api.post("/v1/report-schedules", token, body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(Instant.parse(created.json().get("next_run_at").asText()))
        .isEqualTo(at.withNano(0).toInstant());

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                notifications(id).stream()
                        .filter(n -> n.get("status").asText().equals("sent"))
                        .count()
                    == 2);

    assertThat(telegram.deliveredTo(CHAT)).hasSize(1);
    String csv = telegram.deliveredTo(CHAT).get(0).text();
    assertThat(csv)
        .startsWith(
            "title,video_url,platform,status,campaign_tag,channel_username,published_at,created_at,views,likes,comments,reposts");
    assertThat(csv).contains("\"Launch day\"").contains("\"'=SUM(A1) sneaky\"");
    assertThat(telegram.deliveredTo(CHAT).get(0).fileName())
        .matches("acme-videos-\\d{4}-\\d{2}-\\d{2}\\.csv");
    String email = api.data.email(colleague);
    assertThat(loops.deliveredTo(email)).hasSize(1);
    assertThat(new String(loops.deliveredTo(email).get(0).attachments().get(0).data()))
        .isEqualTo(csv);

    List<JsonNode> deliveries = notifications(id);
    assertThat(deliveries)
        .extracting(n -> n.get("channel").asText())
        .containsExactlyInAnyOrder("email", "telegram");
    assertThat(deliveries)
        .extracting(n -> n.get("run_id").asText())
        .containsOnly(deliveries.get(0).get("run_id").asText());
    JsonNode viaTelegram =
        deliveries.stream()
            .filter(n -> n.get("channel").asText().equals("telegram"))
            .findFirst()
            .orElseThrow();
    assertThat(viaTelegram.get("telegram_chat_id").asLong()).isEqualTo(CHAT);
    JsonNode viaEmail =
        deliveries.stream()
            .filter(n -> n.get("channel").asText().equals("email"))
            .findFirst()
            .orElseThrow();
    assertThat(viaEmail.get("user_id").asText()).isEqualTo(colleague.toString());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !api.get("/v1/report-schedules/" + id, token)
                    .json()
                    .get("last_run_status")
                    .isNull());
    JsonNode afterFire = api.get("/v1/report-schedules/" + id, token).json();
    assertThat(afterFire.get("last_run_status").asText()).isEqualTo("succeeded");
    assertThat(Instant.parse(afterFire.get("last_run_at").asText()))
        .isAfterOrEqualTo(at.withNano(0).toInstant());
    assertThat(Instant.parse(afterFire.get("next_run_at").asText()))
        .isEqualTo(at.withNano(0).toInstant().plus(Duration.ofDays(1)));

    // Run now: a second run, its own deliveries, and the next run left alone.
    Response run = api.post("/v1/report-schedules/" + id + "/run", token, null);
    assertThat(run.status()).as(run.toString()).isEqualTo(202);
    String runId = run.json().get("run_id").asText();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                notifications(id).stream()
                        .filter(
                            n ->
                                n.get("run_id").asText().equals(runId)
                                    && n.get("status").asText().equals("sent"))
                        .count()
                    == 2);
    assertThat(telegram.deliveredTo(CHAT)).hasSize(2);
    assertThat(api.get("/v1/report-schedules/" + id, token).json().get("next_run_at"))
        .isEqualTo(afterFire.get("next_run_at"));

    // The engine's and delivery's meters share the registry /metrics shows.
    String metrics = api.get("/metrics", null).body();
    assertThat(metrics)
        .containsPattern("reports_deliveries_total\\{channel=\"telegram\",.*status=\"sent\".*} 2")
        .containsPattern("reports_deliveries_total\\{channel=\"email\",.*status=\"sent\".*} 2")
        .contains("reports_runs_total")
        .contains("reports_fire_lateness_seconds");

    // Delete: gone from the API and the scheduler, its four deliveries still readable.
    assertThat(api.delete("/v1/report-schedules/" + id, token).status()).isEqualTo(204);
    assertThat(api.get("/v1/report-schedules/" + id, token).status()).isEqualTo(404);
    assertThat(api.engine.upcoming(UUID.fromString(id), 1)).isEmpty();
    assertThat(notifications(id))
        .hasSize(4)
        .allSatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("sent"));
  }
}
