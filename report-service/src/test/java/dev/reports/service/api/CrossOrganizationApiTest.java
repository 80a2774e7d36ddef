package dev.reports.service.api;

import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULE_RECIPIENTS;
import static dev.reports.service.api.ScheduleBody.email;
import static dev.reports.service.api.StrictInputApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An organization sees nothing of another's: its schedules are 404 on every route exactly like
 * missing ones, its shared links and users are 422 exactly like missing ones, and a probe changes
 * nothing.
 */
class CrossOrganizationApiTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static ApiServer api;
  static Org victim;
  static Org intruder;
  static String intruderToken;
  static String victimSchedule;
  static String missing = UUID.randomUUID().toString();

  @BeforeAll
  static void start() {
    api = ApiServer.start(db.dataSource());
    victim = api.data.org("Victim");
    intruder = api.data.org("Intruder");
    intruderToken = Tokens.valid(intruder.admin());
    Response r =
        api.post(
            "/v1/report-schedules",
            Tokens.valid(victim.admin()),
            ScheduleBody.daily(victim.link())
                .with("send_email", true)
                .recipients(email(victim.admin()))
                .json());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    victimSchedule = r.json().get("id").asText();
    UUID run = api.data.run(UUID.fromString(victimSchedule), Instant.parse("2026-03-08T04:30:00Z"));
    api.data.telegramDelivery(
        victim,
        UUID.fromString(victimSchedule),
        run,
        42,
        "sent",
        Instant.parse("2026-03-08T04:30:05Z"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private List<Record> snapshot;

  @BeforeEach
  void snapshot() {
    snapshot = state();
  }

  private static List<Record> state() {
    return List.of(
        api.dsl.fetchSingle(
            SHARED_REPORT_SCHEDULES,
            SHARED_REPORT_SCHEDULES.ID.eq(UUID.fromString(victimSchedule))),
        api.dsl.fetchCount(SHARED_REPORT_SCHEDULE_RECIPIENTS) == 1
            ? api.dsl.fetchSingle(SHARED_REPORT_SCHEDULE_RECIPIENTS)
            : api.dsl.newRecord(SHARED_REPORT_SCHEDULE_RECIPIENTS));
  }

  private void assertNothingChanged() {
    assertThat(state()).isEqualTo(snapshot);
    assertThat(api.dsl.fetchCount(SHARED_REPORT_SCHEDULES)).isEqualTo(1);
  }

  /** The intruder's answer for the victim's schedule equals its answer for a missing one. */
  private void assertLikeMissing(String method, String suffix, String body) {
    Response foreign =
        api.send(method, "/v1/report-schedules/" + victimSchedule + suffix, intruderToken, body);
    Response absent =
        api.send(method, "/v1/report-schedules/" + missing + suffix, intruderToken, body);
    assertProblem(foreign, 404);
    assertThat(foreign.body()).isEqualTo(absent.body());
    assertNothingChanged();
  }

  @Test
  void readingAnotherOrganizationsScheduleIs404() {
    assertLikeMissing("GET", "", null);
  }

  @Test
  void patchingAnotherOrganizationsScheduleIs404() {
    assertLikeMissing("PATCH", "", "{\"enabled\": false, \"scheduled_time\": \"03:00\"}");
    assertLikeMissing("PATCH", "", "{\"recipients\": []}");
  }

  @Test
  void deletingAnotherOrganizationsScheduleIs404() {
    assertLikeMissing("DELETE", "", null);
  }

  @Test
  void runningAnotherOrganizationsScheduleIs404() {
    assertLikeMissing("POST", "/run", null);
  }

  @Test
  void upcomingOfAnotherOrganizationsScheduleIs404() {
    assertLikeMissing("GET", "/upcoming?count=3", null);
  }

  @Test
  void notificationsOfAnotherOrganizationsScheduleAre404() {
    assertLikeMissing("GET", "/notifications", null);
  }

  @Test
  void runsOfAnotherOrganizationsScheduleAre404() {
    assertLikeMissing("GET", "/runs", null);
  }

  @Test
  void listingShowsOnlyTheCallersSchedules() {
    Response all = api.get("/v1/report-schedules", intruderToken);
    assertThat(all.json().get("items")).isEmpty();
    Response byVictimLink =
        api.get("/v1/report-schedules?shared_link_id=" + victim.link(), intruderToken);
    assertThat(byVictimLink.status()).isEqualTo(200);
    assertThat(byVictimLink.json().get("items")).isEmpty();
  }

  @Test
  void anotherOrganizationsSharedLinkIs422LikeAMissingOne() {
    Response foreign =
        api.post("/v1/report-schedules", intruderToken, ScheduleBody.daily(victim.link()).json());
    Response absent =
        api.post(
            "/v1/report-schedules", intruderToken, ScheduleBody.daily(UUID.randomUUID()).json());

    assertProblem(foreign, 422);
    assertThat(foreign.json().get("errors")).isEqualTo(absent.json().get("errors"));
    assertThat(foreign.json().get("errors").get(0).get("field").asText())
        .isEqualTo("shared_link_id");
    assertNothingChanged();
  }

  @Test
  void anotherOrganizationsUserIs422LikeAMissingOne() {
    ScheduleBody withVictim =
        ScheduleBody.daily(intruder.link())
            .with("send_email", true)
            .recipients(email(victim.admin()));
    ScheduleBody withNobody =
        ScheduleBody.daily(intruder.link())
            .with("send_email", true)
            .recipients(email(UUID.randomUUID()));

    Response foreign = api.post("/v1/report-schedules", intruderToken, withVictim.json());
    Response absent = api.post("/v1/report-schedules", intruderToken, withNobody.json());

    assertProblem(foreign, 422);
    assertThat(foreign.json().get("errors")).isEqualTo(absent.json().get("errors"));
    assertNothingChanged();
  }

  @Test
  void patchingOwnScheduleWithAnotherOrganizationsLinkOrUserIs422() {
    Response own =
        api.post("/v1/report-schedules", intruderToken, ScheduleBody.daily(intruder.link()).json());
    String id = own.json().get("id").asText();
    JsonNode before = own.json();

    Response link =
        api.patch(
            "/v1/report-schedules/" + id,
            intruderToken,
            "{\"shared_link_id\": \"" + victim.link() + "\"}");
    Response user =
        api.patch(
            "/v1/report-schedules/" + id,
            intruderToken,
            ScheduleBody.empty().with("send_email", true).recipients(email(victim.admin())).json());

    assertProblem(link, 422);
    assertProblem(user, 422);
    assertThat(api.get("/v1/report-schedules/" + id, intruderToken).json()).isEqualTo(before);
    api.delete("/v1/report-schedules/" + id, intruderToken);
  }

  @Test
  void theOwnerStillSeesEverything() {
    String token = Tokens.valid(victim.admin());
    assertThat(api.get("/v1/report-schedules/" + victimSchedule, token).status()).isEqualTo(200);
    assertThat(
            api.get("/v1/report-schedules/" + victimSchedule + "/notifications", token)
                .json()
                .get("items"))
        .hasSize(1);
  }
}
