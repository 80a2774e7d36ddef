package dev.reports.service.api;

import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULE_RECIPIENTS;
import static dev.reports.service.api.ScheduleBody.email;
import static dev.reports.service.api.ScheduleBody.telegram;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every endpoint's success path, against the real server, database and engine. */
class ScheduleCrudApiTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static ApiServer api;
  static Org org;
  static String token;

  @BeforeAll
  static void start() {
    api = ApiServer.start(db.dataSource());
    org = api.data.org("Acme");
    api.data.connectTelegramChats(org, -1001234567890L, 42L);
    token = Tokens.valid(org.admin());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private JsonNode create(ScheduleBody body) {
    Response r = api.post("/v1/report-schedules", token, body.json());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  private List<Instant> upcoming(String id, int count) {
    Response r = api.get("/v1/report-schedules/" + id + "/upcoming?count=" + count, token);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<Instant> runs = new ArrayList<>();
    r.json().get("runs").forEach(n -> runs.add(Instant.parse(n.asText())));
    return runs;
  }

  @Test
  void createAnswers201WithTheScheduleAsStoredAndItsLocation() {
    Response r = api.post("/v1/report-schedules", token, ScheduleBody.daily(org.link()).json());

    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode s = r.json();
    String id = s.get("id").asText();
    assertThat(r.headers().firstValue("Location")).contains("/v1/report-schedules/" + id);
    assertThat(s.get("organization_id").asText()).isEqualTo(org.id().toString());
    assertThat(s.get("shared_link_id").asText()).isEqualTo(org.link().toString());
    assertThat(s.get("cadence").asText()).isEqualTo("daily");
    assertThat(s.get("scheduled_time").asText()).isEqualTo("07:30");
    assertThat(s.get("day_of_week").isNull()).isTrue();
    assertThat(s.get("day_of_month").isNull()).isTrue();
    assertThat(s.get("cron_expression").asText()).isEqualTo("30 7 * * *");
    assertThat(s.get("timezone").asText()).isEqualTo("Europe/Moscow");
    assertThat(s.get("send_email").asBoolean()).isFalse();
    assertThat(s.get("send_telegram").asBoolean()).isTrue();
    assertThat(s.get("enabled").asBoolean()).isTrue();
    assertThat(s.get("recipients")).isEmpty();
    assertThat(s.get("created_by").asText()).isEqualTo(org.admin().toString());
    assertThat(s.get("last_run_at").isNull()).isTrue();
    assertThat(s.get("last_run_status").isNull()).isTrue();
    assertThat(s.get("created_at").asText()).endsWith("Z");
    assertThat(s.get("updated_at").asText()).endsWith("Z");
    Instant next = Instant.parse(s.get("next_run_at").asText());
    assertThat(s.get("next_run_at").asText()).endsWith("Z");
    assertThat(next.atZone(ZoneId.of("Europe/Moscow")).toLocalTime())
        .isEqualTo(LocalTime.of(7, 30));
    assertThat(next).isEqualTo(upcoming(id, 1).get(0));

    Response read = api.get(r.headers().firstValue("Location").orElseThrow(), token);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(s);
  }

  @Test
  void aCadenceIsStoredWithItsEquivalentCron() {
    JsonNode weekly =
        create(
            ScheduleBody.daily(org.link())
                .with("cadence", "weekly")
                .with("scheduled_time", "09:05"));
    JsonNode sunday =
        create(
            ScheduleBody.daily(org.link()).with("cadence", "weekly").with("day_of_week", "sunday"));
    JsonNode monthly =
        create(
            ScheduleBody.daily(org.link())
                .with("cadence", "monthly")
                .with("scheduled_time", "23:59"));
    JsonNode fifteenth =
        create(ScheduleBody.daily(org.link()).with("cadence", "monthly").with("day_of_month", 15));

    assertThat(weekly.get("day_of_week").asText()).isEqualTo("monday");
    assertThat(weekly.get("cron_expression").asText()).isEqualTo("5 9 * * 1");
    assertThat(sunday.get("day_of_week").asText()).isEqualTo("sunday");
    assertThat(sunday.get("cron_expression").asText()).isEqualTo("30 7 * * 0");
    assertThat(monthly.get("day_of_month").asInt()).isEqualTo(1);
    assertThat(monthly.get("cron_expression").asText()).isEqualTo("59 23 1 * *");
    assertThat(fifteenth.get("cron_expression").asText()).isEqualTo("30 7 15 * *");

    var row =
        api.dsl.fetchSingle(
            SHARED_REPORT_SCHEDULES,
            SHARED_REPORT_SCHEDULES.ID.eq(UUID.fromString(sunday.get("id").asText())));
    assertThat(row.getCadence()).isEqualTo("weekly");
    assertThat(row.getDayOfWeek()).isEqualTo((short) 7);
    assertThat(row.getCronExpression()).isEqualTo("30 7 * * 0");
    assertThat(row.getScheduledTime()).isEqualTo(LocalTime.of(7, 30));
  }

  @Test
  void aCronScheduleKeepsItsExpressionAndHasNoCadenceFields() {
    JsonNode s =
        create(
            ScheduleBody.daily(org.link())
                .without("cadence")
                .without("scheduled_time")
                .with("cron_expression", "0 8 * * 1-5"));

    assertThat(s.get("cadence").isNull()).isTrue();
    assertThat(s.get("scheduled_time").isNull()).isTrue();
    assertThat(s.get("cron_expression").asText()).isEqualTo("0 8 * * 1-5");
    List<Instant> runs = upcoming(s.get("id").asText(), 5);
    assertThat(runs).hasSize(5).isSorted();
    assertThat(runs)
        .allSatisfy(at -> assertThat(at.atZone(ZoneId.of("Europe/Moscow")).getHour()).isEqualTo(8));
    assertThat(Instant.parse(s.get("next_run_at").asText())).isEqualTo(runs.get(0));
  }

  @Test
  void recipientsAreStoredAndListedEmailFirst() {
    UUID colleague = api.data.user(org, "Colleague");
    JsonNode s =
        create(
            ScheduleBody.daily(org.link())
                .with("send_email", true)
                .recipients(telegram(-1001234567890L), email(colleague)));

    assertThat(s.get("recipients")).hasSize(2);
    assertThat(s.get("recipients").get(0).get("channel").asText()).isEqualTo("email");
    assertThat(s.get("recipients").get(0).get("user_id").asText()).isEqualTo(colleague.toString());
    assertThat(s.get("recipients").get(0).has("telegram_chat_id")).isFalse();
    assertThat(s.get("recipients").get(1).get("channel").asText()).isEqualTo("telegram");
    assertThat(s.get("recipients").get(1).get("telegram_chat_id").asLong())
        .isEqualTo(-1001234567890L);
    assertThat(
            api.dsl.fetchCount(
                SHARED_REPORT_SCHEDULE_RECIPIENTS,
                SHARED_REPORT_SCHEDULE_RECIPIENTS.SCHEDULE_ID.eq(
                    UUID.fromString(s.get("id").asText()))))
        .isEqualTo(2);
  }

  @Test
  void listIsNewestFirstAndPagesByCursor() {
    Org other = api.data.org("Lister");
    String otherToken = Tokens.valid(other.admin());
    UUID secondLink = api.data.link(other, "second");
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Response r =
          api.post(
              "/v1/report-schedules",
              otherToken,
              ScheduleBody.daily(i == 2 ? secondLink : other.link())
                  .with("scheduled_time", "0" + i + ":00")
                  .json());
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      created.add(0, r.json().get("id").asText());
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Response page =
          api.get(
              "/v1/report-schedules?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
              otherToken);
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      assertThat(page.json().get("items").size()).isLessThanOrEqualTo(2);
      page.json().get("items").forEach(item -> seen.add(item.get("id").asText()));
      cursor =
          page.json().get("next_cursor").isNull() ? null : page.json().get("next_cursor").asText();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(seen).containsExactlyElementsOf(created);
    assertThat(pages).isEqualTo(3);

    Response byLink = api.get("/v1/report-schedules?shared_link_id=" + secondLink, otherToken);
    assertThat(byLink.json().get("items")).hasSize(1);
    assertThat(byLink.json().get("items").get(0).get("shared_link_id").asText())
        .isEqualTo(secondLink.toString());
    assertThat(byLink.json().get("next_cursor").isNull()).isTrue();

    Response defaults = api.get("/v1/report-schedules", otherToken);
    assertThat(defaults.json().get("items")).hasSize(5);
  }

  @Test
  void patchChangesTheTimeAndTheNextRunComesFromTheEngine() {
    JsonNode s = create(ScheduleBody.daily(org.link()));
    String id = s.get("id").asText();

    Response r =
        api.patch(
            "/v1/report-schedules/" + id,
            token,
            "{\"scheduled_time\": \"18:45\", \"timezone\": \"America/New_York\"}");

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode p = r.json();
    assertThat(p.get("scheduled_time").asText()).isEqualTo("18:45");
    assertThat(p.get("cron_expression").asText()).isEqualTo("45 18 * * *");
    assertThat(p.get("timezone").asText()).isEqualTo("America/New_York");
    assertThat(p.get("send_telegram").asBoolean()).isTrue();
    assertThat(p.get("created_at")).isEqualTo(s.get("created_at"));
    Instant next = Instant.parse(p.get("next_run_at").asText());
    assertThat(next.atZone(ZoneId.of("America/New_York")).toLocalTime())
        .isEqualTo(LocalTime.of(18, 45));
    assertThat(next).isEqualTo(upcoming(id, 1).get(0));
    assertThat(api.get("/v1/report-schedules/" + id, token).json()).isEqualTo(p);
  }

  @Test
  void patchSwitchesBetweenCadenceAndCron() {
    JsonNode s =
        create(
            ScheduleBody.daily(org.link()).with("cadence", "weekly").with("day_of_week", "friday"));
    String id = s.get("id").asText();

    JsonNode cron =
        api.patch("/v1/report-schedules/" + id, token, "{\"cron_expression\": \"15 10 * * 2\"}")
            .json();
    assertThat(cron.get("cadence").isNull()).isTrue();
    assertThat(cron.get("scheduled_time").isNull()).isTrue();
    assertThat(cron.get("day_of_week").isNull()).isTrue();
    assertThat(cron.get("cron_expression").asText()).isEqualTo("15 10 * * 2");

    JsonNode monthly =
        api.patch(
                "/v1/report-schedules/" + id,
                token,
                "{\"cadence\": \"monthly\", \"scheduled_time\": \"06:00\", \"day_of_month\": 28}")
            .json();
    assertThat(monthly.get("cadence").asText()).isEqualTo("monthly");
    assertThat(monthly.get("day_of_month").asInt()).isEqualTo(28);
    assertThat(monthly.get("cron_expression").asText()).isEqualTo("0 6 28 * *");

    JsonNode daily =
        api.patch("/v1/report-schedules/" + id, token, "{\"cadence\": \"daily\"}").json();
    assertThat(daily.get("cadence").asText()).isEqualTo("daily");
    assertThat(daily.get("day_of_month").isNull()).isTrue();
    assertThat(daily.get("cron_expression").asText()).isEqualTo("0 6 * * *");
    assertThat(Instant.parse(daily.get("next_run_at").asText())).isEqualTo(upcoming(id, 1).get(0));
  }

  @Test
  void patchRecipientsReplacesTheList() {
    UUID a = api.data.user(org, "A");
    UUID b = api.data.user(org, "B");
    JsonNode s =
        create(
            ScheduleBody.daily(org.link())
                .with("send_email", true)
                .recipients(email(a), telegram(42)));
    String id = s.get("id").asText();

    JsonNode p =
        api.patch(
                "/v1/report-schedules/" + id,
                token,
                ScheduleBody.empty().recipients(email(b)).json())
            .json();

    assertThat(p.get("recipients")).hasSize(1);
    assertThat(p.get("recipients").get(0).get("user_id").asText()).isEqualTo(b.toString());

    JsonNode cleared =
        api.patch("/v1/report-schedules/" + id, token, "{\"recipients\": []}").json();
    assertThat(cleared.get("recipients")).isEmpty();
  }

  @Test
  void anEmptyPatchChangesNothing() {
    JsonNode s = create(ScheduleBody.daily(org.link()));

    Response r = api.patch("/v1/report-schedules/" + s.get("id").asText(), token, "{}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json()).isEqualTo(s);
  }

  @Test
  void disablingAndEnablingKeepsTheSchedule() {
    JsonNode s = create(ScheduleBody.daily(org.link()));
    String id = s.get("id").asText();

    JsonNode off = api.patch("/v1/report-schedules/" + id, token, "{\"enabled\": false}").json();
    assertThat(off.get("enabled").asBoolean()).isFalse();
    assertThat(off.get("next_run_at").isNull()).isTrue();
    assertThat(upcoming(id, 3)).isEmpty();
    Response run = api.post("/v1/report-schedules/" + id + "/run", token, null);
    assertThat(run.status()).as("a disabled schedule still runs on demand: " + run).isEqualTo(202);

    JsonNode on = api.patch("/v1/report-schedules/" + id, token, "{\"enabled\": true}").json();
    assertThat(on.get("enabled").asBoolean()).isTrue();
    assertThat(on.get("next_run_at")).isEqualTo(s.get("next_run_at"));
  }

  @Test
  void runStartsARunNowAndLeavesTheNextRunAlone() {
    JsonNode s = create(ScheduleBody.daily(org.link()));
    String id = s.get("id").asText();

    Response r = api.post("/v1/report-schedules/" + id + "/run", token, null);

    assertThat(r.status()).as(r.toString()).isEqualTo(202);
    assertThat(UUID.fromString(r.json().get("run_id").asText())).isNotNull();
    assertThat(api.get("/v1/report-schedules/" + id, token).json().get("next_run_at"))
        .isEqualTo(s.get("next_run_at"));
  }

  @Test
  void runPutsBackATriggerLostBehindTheServicesBack() {
    JsonNode s = create(ScheduleBody.daily(org.link()));
    String id = s.get("id").asText();
    api.engine.unschedule(UUID.fromString(id));
    assertThat(upcoming(id, 1)).isEmpty();

    Response r = api.post("/v1/report-schedules/" + id + "/run", token, null);

    assertThat(r.status()).as(r.toString()).isEqualTo(202);
    assertThat(upcoming(id, 1)).containsExactly(Instant.parse(s.get("next_run_at").asText()));
  }

  @Test
  void upcomingListsTheEnginesNextInstants() {
    JsonNode s =
        create(
            ScheduleBody.daily(org.link())
                .with("timezone", "Europe/Berlin")
                .with("scheduled_time", "02:30"));
    String id = s.get("id").asText();

    Response byDefault = api.get("/v1/report-schedules/" + id + "/upcoming", token);
    assertThat(byDefault.status()).isEqualTo(200);
    assertThat(byDefault.json().get("runs")).hasSize(ScheduleRoutes.DEFAULT_UPCOMING);

    List<Instant> runs = upcoming(id, 10);
    assertThat(runs).hasSize(10).isSorted().doesNotHaveDuplicates();
    assertThat(byDefault.json().get("runs").get(0).asText()).endsWith("Z");
    assertThat(runs.get(0)).isEqualTo(Instant.parse(s.get("next_run_at").asText()));
  }

  @Test
  void deleteRemovesTheScheduleButKeepsItsDeliveryHistory() {
    JsonNode s = create(ScheduleBody.daily(org.link()));
    String id = s.get("id").asText();
    UUID run = api.data.run(UUID.fromString(id), Instant.parse("2026-03-08T04:30:00Z"));
    api.data.telegramDelivery(
        org, UUID.fromString(id), run, 42, "sent", Instant.parse("2026-03-08T04:30:05Z"));

    Response deleted = api.delete("/v1/report-schedules/" + id, token);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(api.get("/v1/report-schedules/" + id, token).status()).isEqualTo(404);
    assertThat(api.delete("/v1/report-schedules/" + id, token).status()).isEqualTo(404);
    assertThat(api.post("/v1/report-schedules/" + id + "/run", token, null).status())
        .isEqualTo(404);
    assertThat(api.get("/v1/report-schedules/" + id + "/upcoming", token).status()).isEqualTo(404);
    assertThat(api.patch("/v1/report-schedules/" + id, token, "{}").status()).isEqualTo(404);
    assertThat(
            api.get("/v1/report-schedules?limit=100", token)
                .json()
                .get("items")
                .findValuesAsText("id"))
        .doesNotContain(id);
    Response history = api.get("/v1/report-schedules/" + id + "/notifications", token);
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.json().get("items")).hasSize(1);
    var row =
        api.dsl.fetchSingle(
            SHARED_REPORT_SCHEDULES, SHARED_REPORT_SCHEDULES.ID.eq(UUID.fromString(id)));
    assertThat(row.getDeletedAt()).isNotNull();
  }

  @Test
  void notificationsAreNewestFirstAndPageByCursor() {
    JsonNode s = create(ScheduleBody.daily(org.link()));
    UUID id = UUID.fromString(s.get("id").asText());
    UUID run = api.data.run(id, Instant.parse("2026-03-08T04:30:00Z"));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      expected.add(
          0,
          api.data
              .telegramDelivery(
                  org,
                  id,
                  run,
                  100 + i,
                  i == 3 ? "failed" : "sent",
                  Instant.parse("2026-03-08T04:30:0" + i + "Z"))
              .toString());
    }

    Response first = api.get("/v1/report-schedules/" + id + "/notifications?limit=3", token);
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    JsonNode items = first.json().get("items");
    assertThat(items).hasSize(3);
    JsonNode newest = items.get(0);
    assertThat(newest.get("id").asText()).isEqualTo(expected.get(0));
    assertThat(newest.get("run_id").asText()).isEqualTo(run.toString());
    assertThat(newest.get("channel").asText()).isEqualTo("telegram");
    assertThat(newest.get("telegram_chat_id").asLong()).isEqualTo(104);
    assertThat(newest.get("user_id").isNull()).isTrue();
    assertThat(newest.get("status").asText()).isEqualTo("sent");
    assertThat(newest.get("payload").get("file_name").asText()).isEqualTo("videos-2026-03-08.csv");
    assertThat(newest.get("created_at").asText()).isEqualTo("2026-03-08T04:30:04Z");
    assertThat(items.get(1).get("status").asText()).isEqualTo("failed");

    String cursor = first.json().get("next_cursor").asText();
    Response second =
        api.get("/v1/report-schedules/" + id + "/notifications?limit=3&cursor=" + cursor, token);
    assertThat(second.json().get("items").findValuesAsText("id"))
        .containsExactlyElementsOf(expected.subList(3, 5));
    assertThat(second.json().get("next_cursor").isNull()).isTrue();
  }
}
