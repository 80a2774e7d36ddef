package dev.reports.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code name}, {@code skip_if_empty}, {@code csv} and {@code day_of_month: "last"} over HTTP. */
class ScheduleFieldsApiTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static ApiServer api;
  static Org org;
  static String token;

  @BeforeAll
  static void start() {
    api = ApiServer.start(db.dataSource());
    org = api.data.org("Acme");
    token = Tokens.valid(org.admin());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aNewScheduleHasNoNameSendsEmptyReportsAndWritesPlainCommaCsv() {
    JsonNode s = create(ScheduleBody.daily(org.link()));

    assertThat(s.get("name").isNull()).isTrue();
    assertThat(s.get("skip_if_empty").asBoolean()).isFalse();
    assertThat(s.get("csv").get("delimiter").asText()).isEqualTo(",");
    assertThat(s.get("csv").get("bom").asBoolean()).isFalse();
  }

  @Test
  void theFieldsAreStoredTrimmedAndReadBack() {
    JsonNode created =
        create(
            ScheduleBody.daily(org.link())
                .with("name", "  Недельный отчёт 📈 ")
                .with("skip_if_empty", true)
                .with("csv", Map.of("delimiter", "\t", "bom", true)));

    JsonNode read = get(created.get("id").asText());

    assertThat(read.get("name").asText()).isEqualTo("Недельный отчёт 📈");
    assertThat(read.get("skip_if_empty").asBoolean()).isTrue();
    assertThat(read.get("csv").get("delimiter").asText()).isEqualTo("\t");
    assertThat(read.get("csv").get("bom").asBoolean()).isTrue();
    assertThat(read).isEqualTo(created);
  }

  @Test
  void patchChangesEachFieldAndMergesTheCsvKeyByKey() {
    String id =
        create(ScheduleBody.daily(org.link()).with("csv", Map.of("delimiter", ";")))
            .get("id")
            .asText();

    JsonNode named = patch(id, "{\"name\": \"Digest\", \"skip_if_empty\": true}");
    JsonNode bom = patch(id, "{\"csv\": {\"bom\": true}}");

    assertThat(named.get("name").asText()).isEqualTo("Digest");
    assertThat(named.get("skip_if_empty").asBoolean()).isTrue();
    assertThat(bom.get("csv").get("delimiter").asText()).isEqualTo(";");
    assertThat(bom.get("csv").get("bom").asBoolean()).isTrue();
    assertThat(bom.get("name").asText()).isEqualTo("Digest");

    JsonNode cleared = patch(id, "{\"name\": null, \"csv\": null}");

    assertThat(cleared.get("name").isNull()).isTrue();
    assertThat(cleared.get("csv").get("delimiter").asText()).isEqualTo(",");
    assertThat(cleared.get("csv").get("bom").asBoolean()).isFalse();
  }

  @Test
  void aReadScheduleSentBackAsAPatchChangesNothingOfItsFields() {
    JsonNode created =
        create(
            ScheduleBody.daily(org.link())
                .with("cadence", "monthly")
                .with("day_of_month", "last")
                .with("name", "End of month")
                .with("csv", Map.of("delimiter", ";", "bom", true)));
    String id = created.get("id").asText();

    JsonNode patched =
        patch(
            id,
            "{\"name\": "
                + created.get("name")
                + ", \"csv\": "
                + created.get("csv")
                + ", \"day_of_month\": "
                + created.get("day_of_month")
                + ", \"skip_if_empty\": false}");

    assertThat(patched.get("name")).isEqualTo(created.get("name"));
    assertThat(patched.get("csv")).isEqualTo(created.get("csv"));
    assertThat(patched.get("day_of_month").asText()).isEqualTo("last");
  }

  @Test
  void aMonthlyScheduleOnTheLastDayIsStoredAsLAndRunsOnEachMonthsLastDay() {
    JsonNode s =
        create(
            ScheduleBody.daily(org.link())
                .with("cadence", "monthly")
                .with("day_of_month", "last")
                .with("scheduled_time", "09:00")
                .with("timezone", "Europe/Berlin"));

    assertThat(s.get("day_of_month").asText()).isEqualTo("last");
    assertThat(s.get("cron_expression").asText()).isEqualTo("0 9 L * *");
    List<Instant> runs = upcoming(s.get("id").asText(), 13);
    assertThat(runs).hasSize(13);
    for (Instant run : runs) {
      var local = run.atZone(java.time.ZoneId.of("Europe/Berlin"));
      assertThat(local.toLocalTime()).isEqualTo(java.time.LocalTime.of(9, 0));
      assertThat(local.getDayOfMonth()).isEqualTo(local.toLocalDate().lengthOfMonth());
    }
    assertThat(runs.get(1).atZone(java.time.ZoneId.of("Europe/Berlin")).getMonth())
        .isEqualTo(runs.get(0).atZone(java.time.ZoneId.of("Europe/Berlin")).getMonth().plus(1));
  }

  @Test
  void aCronScheduleMayNameTheLastDayAsL() {
    JsonNode s =
        create(
            ScheduleBody.daily(org.link())
                .without("cadence")
                .without("scheduled_time")
                .with("cron_expression", "30 18 L * *"));

    assertThat(s.get("cron_expression").asText()).isEqualTo("30 18 L * *");
    assertThat(s.get("day_of_month").isNull()).isTrue();
  }

  @Test
  void aNameWithAControlCharacterIsRefusedNamingTheField() {
    for (String name :
        List.of("Line\nbreak", "Tab\there", "Bell\u0007", "C1\u0085", "Trailing\n", "\rLeading")) {
      assertInvalid(ScheduleBody.daily(org.link()).with("name", name), "name");
    }
  }

  @Test
  void aNameOver200CharactersIsRefusedButExactly200IsFine() {
    assertInvalid(ScheduleBody.daily(org.link()).with("name", "x".repeat(201)), "name");
    assertInvalid(ScheduleBody.daily(org.link()).with("name", "📈".repeat(101)), "name");
    JsonNode s = create(ScheduleBody.daily(org.link()).with("name", "y".repeat(200)));
    assertThat(s.get("name").asText()).hasSize(200);
  }

  @Test
  void aBlankNameIsNoName() {
    assertThat(create(ScheduleBody.daily(org.link()).with("name", "   ")).get("name").isNull())
        .isTrue();
  }

  @Test
  void anUnknownDelimiterIsRefusedNamingTheField() {
    for (String delimiter : List.of("|", ",,", "", "\\t")) {
      assertInvalid(
          ScheduleBody.daily(org.link()).with("csv", Map.of("delimiter", delimiter)),
          "csv.delimiter");
    }
  }

  @Test
  void csvOfTheWrongShapeIsMalformed() {
    for (String body :
        List.of(
            "{\"csv\": \";\"}",
            "{\"csv\": {\"bom\": \"yes\"}}",
            "{\"csv\": {\"quote\": \"'\"}}",
            "{\"skip_if_empty\": \"true\"}",
            "{\"name\": 42}",
            "{\"day_of_month\": \"LAST\"}",
            "{\"day_of_month\": \"1\"}")) {
      Response r = api.post("/v1/report-schedules", token, body);
      assertThat(r.status()).as(body + " → " + r).isEqualTo(400);
    }
  }

  @Test
  void theLastDayIsOnlyForAMonthlyCadence() {
    assertInvalid(ScheduleBody.daily(org.link()).with("day_of_month", "last"), "day_of_month");
    assertInvalid(
        ScheduleBody.daily(org.link()).with("cadence", "monthly").with("day_of_month", 29),
        "day_of_month");
  }

  private static JsonNode create(ScheduleBody body) {
    Response r = api.post("/v1/report-schedules", token, body.json());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  private static JsonNode get(String id) {
    Response r = api.get("/v1/report-schedules/" + id, token);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private static JsonNode patch(String id, String body) {
    Response r = api.patch("/v1/report-schedules/" + id, token, body);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private static List<Instant> upcoming(String id, int count) {
    Response r = api.get("/v1/report-schedules/" + id + "/upcoming?count=" + count, token);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<Instant> runs = new ArrayList<>();
    r.json().get("runs").forEach(n -> runs.add(Instant.parse(n.asText())));
    return runs;
  }

  private static void assertInvalid(ScheduleBody body, String field) {
    Response r = api.post("/v1/report-schedules", token, body.json());
    assertThat(r.status()).as(r.toString()).isEqualTo(422);
    List<String> fields = new ArrayList<>();
    r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).as(r.toString()).contains(field);
  }
}
