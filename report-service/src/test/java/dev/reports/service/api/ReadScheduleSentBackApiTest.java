package dev.reports.service.api;

import static dev.reports.service.api.StrictInputApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A schedule as read, sent back as a PATCH, is accepted: its read-only fields, equal to the stored
 * ones, are ignored; a read-only field that differs is a 422 naming it.
 */
class ReadScheduleSentBackApiTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static ApiServer api;
  static Org org;
  static String token;

  @BeforeAll
  static void start() {
    api = ApiServer.start(db.dataSource());
    org = api.data.org("RoundTrip");
    token = Tokens.valid(org.admin());
    api.data.connectTelegramChats(org, -100123L);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static JsonNode created(String body) {
    Response r = api.post("/v1/report-schedules", token, body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  @Test
  void aCadenceScheduleSentBackUnchangedIsAccepted() {
    JsonNode read =
        created(
            ScheduleBody.daily(org.link())
                .with("cadence", "weekly")
                .with("day_of_week", "friday")
                .recipients(ScheduleBody.email(org.admin()), ScheduleBody.telegram(-100123L))
                .with("send_email", true)
                .json());
    String id = read.get("id").asText();
    assertThat(read.get("cron_expression").asText()).isEqualTo("30 7 * * 5");

    Response r = api.patch("/v1/report-schedules/" + id, token, read.toString());

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json()).isEqualTo(read);
  }

  @Test
  void aCronScheduleSentBackUnchangedIsAccepted() {
    JsonNode read =
        created(
            ScheduleBody.daily(org.link())
                .without("cadence")
                .without("scheduled_time")
                .with("cron_expression", "15 9 * * 1-5")
                .json());
    Response r =
        api.patch("/v1/report-schedules/" + read.get("id").asText(), token, read.toString());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json()).isEqualTo(read);
  }

  @Test
  void aReadScheduleWithOneWritableFieldChangedChangesThatField() {
    JsonNode read = created(ScheduleBody.daily(org.link()).json());
    ObjectNode edited = read.deepCopy();
    edited.put("scheduled_time", "09:45");
    // the client leaves the shown cron as it was read: it follows the cadence, not the other way
    Response r =
        api.patch("/v1/report-schedules/" + read.get("id").asText(), token, edited.toString());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("scheduled_time").asText()).isEqualTo("09:45");
    assertThat(r.json().get("cron_expression").asText()).isEqualTo("45 9 * * *");
  }

  @Test
  void aCadenceSentWithAnotherCronIsStillBoth() {
    JsonNode read = created(ScheduleBody.daily(org.link()).json());
    ObjectNode edited = read.deepCopy();
    edited.put("cron_expression", "0 8 * * *");
    Response r =
        api.patch("/v1/report-schedules/" + read.get("id").asText(), token, edited.toString());
    assertProblem(r, 422);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("cron_expression");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "id",
        "organization_id",
        "created_by",
        "next_run_at",
        "last_run_at",
        "last_run_status",
        "created_at",
        "updated_at"
      })
  void aReadOnlyFieldThatDiffersIs422NamingIt(String field) {
    JsonNode read = created(ScheduleBody.daily(org.link()).json());
    ObjectNode edited = read.deepCopy();
    edited.put("enabled", false);
    edited.put(
        field,
        field.endsWith("_at")
            ? "2001-01-01T00:00:00Z"
            : field.equals("last_run_status") ? "succeeded" : UUID.randomUUID().toString());
    String id = read.get("id").asText();

    Response r = api.patch("/v1/report-schedules/" + id, token, edited.toString());

    assertProblem(r, 422);
    assertThat(r.json().get("errors")).hasSize(1);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
    assertThat(api.get("/v1/report-schedules/" + id, token).json()).isEqualTo(read);
  }

  @Test
  void aReadOnlyFieldOfTheWrongTypeIs400() {
    JsonNode read = created(ScheduleBody.daily(org.link()).json());
    ObjectNode edited = read.deepCopy();
    edited.put("next_run_at", 12345);
    Response r =
        api.patch("/v1/report-schedules/" + read.get("id").asText(), token, edited.toString());
    assertProblem(r, 400);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("next_run_at");
  }

  @Test
  void aReadOnlyFieldOnCreateIsStillUnknown() {
    Response r =
        api.post(
            "/v1/report-schedules",
            token,
            ScheduleBody.daily(org.link()).with("id", UUID.randomUUID().toString()).json());
    assertProblem(r, 400);
  }

  @Test
  void theOpenApiServerIsRelativeToWhereTheDocumentIsServed() {
    JsonNode servers = api.get("/openapi.json", null).json().get("servers");
    assertThat(servers).isNotEmpty();
    servers.forEach(
        server -> {
          String url = server.get("url").asText();
          assertThat(url).startsWith("/").doesNotContain("://").doesNotContain("8080");
          assertThat(api.uri("/openapi.json").resolve(url).resolve("v1/report-schedules"))
              .isEqualTo(api.uri("/v1/report-schedules"));
        });
  }
}
