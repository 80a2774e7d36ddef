package dev.reports.service.api;

import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static dev.reports.service.api.StrictInputApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values past what a field, its column or its Java type can hold — numbers beyond {@code int} in a
 * cron, a cron longer than its column, query parameters past their range — are a 4xx naming the
 * field, never a 500, and write nothing.
 */
class BoundedInputApiTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static ApiServer api;
  static Org org;
  static String token;
  static String existing;

  @BeforeAll
  static void start() {
    api = ApiServer.start(db.dataSource());
    org = api.data.org("Bounds");
    token = Tokens.valid(org.admin());
    existing =
        api.post("/v1/report-schedules", token, ScheduleBody.daily(org.link()).json())
            .json()
            .get("id")
            .asText();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static ScheduleBody cron(String expression) {
    return ScheduleBody.daily(org.link())
        .without("cadence")
        .without("scheduled_time")
        .with("cron_expression", expression);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 8 * * 99999999999|day-of-week",
        "0 8 * * 1-99999999999|day-of-week",
        "0 8 * * */99999999999|day-of-week",
        "0 8 * * 2147483648|day-of-week",
        "0 8 * * MON-4294967296|day-of-week",
        "0 1-99999999999 * * *|hour",
        "0 */99999999999 * * *|hour",
        "99999999999999999999 8 * * *|minute",
        "0 8 1-99999999999 * *|day-of-month",
        "0 8 * 1-99999999999 *|month",
        "0 8 * 99999999999 *|month",
        "0 */30 * * *|hour field \"*/30\": step 30 must be between 1 and 23",
        "*/90 * * * *|minute field \"*/90\": step 90 must be between 1 and 59",
        "0 8 * * */8|day-of-week"
      })
  void aCronNumberPastItsFieldIs422NamingTheField(String expression, String words) {
    long before = api.dsl.fetchCount(SHARED_REPORT_SCHEDULES);

    Response created = api.post("/v1/report-schedules", token, cron(expression).json());
    Response patched =
        api.patch("/v1/report-schedules/" + existing, token, cron(expression).patchJson());

    for (Response r : List.of(created, patched)) {
      assertProblem(r, 422);
      JsonNode error = r.json().get("errors").get(0);
      assertThat(error.get("field").asText()).isEqualTo("cron_expression");
      assertThat(error.get("message").asText()).contains(words).doesNotContain("Exception");
    }
    assertThat(api.dsl.fetchCount(SHARED_REPORT_SCHEDULES)).isEqualTo(before);
    assertThat(api.get("/v1/report-schedules/" + existing, token).json().get("cadence").asText())
        .isEqualTo("daily");
  }

  @Test
  void aCronLongerThanItsColumnIs422() {
    // every value listed, with leading zeros: valid cron, 1,000+ characters
    StringBuilder days = new StringBuilder();
    for (int d = 1; d <= 31; d++) {
      days.append(days.length() == 0 ? "" : ",").append("0".repeat(30)).append(d);
    }
    Response r = api.post("/v1/report-schedules", token, cron("0 8 " + days + " * *").json());
    assertProblem(r, 422);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("cron_expression");
    assertThat(r.json().get("errors").get(0).get("message").asText()).contains("200 characters");
  }

  @Test
  void spacesAroundACronDoNotCountTowardsItsLength() {
    Response r =
        api.post("/v1/report-schedules", token, cron("0 8 * * *" + " ".repeat(10_000)).json());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().get("cron_expression").asText()).isEqualTo("0 8 * * *");
    api.delete("/v1/report-schedules/" + r.json().get("id").asText(), token);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"cadence\": \"monthly\", \"day_of_month\": 2147483648}",
        "{\"cadence\": \"monthly\", \"day_of_month\": -99999999999999999999}",
        "{\"recipients\": [{\"channel\": \"telegram\", \"telegram_chat_id\": 9223372036854775808}]}",
        "{\"recipients\": [{\"channel\": \"telegram\", \"telegram_chat_id\": -1e300}]}"
      })
  void aNumberPastItsTypeIs400NamingTheField(String body) {
    Response r = api.patch("/v1/report-schedules/" + existing, token, body);
    assertProblem(r, 400);
    assertThat(r.json().get("errors").get(0).get("field").asText())
        .isIn("day_of_month", "recipients[0].telegram_chat_id");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/v1/report-schedules?limit=99999999999|422|limit",
        "/v1/report-schedules?limit=99999999999999999999999999|422|limit",
        "/v1/report-schedules?limit=-5|422|limit",
        "/v1/report-schedules?limit=0|422|limit",
        "/v1/report-schedules?limit=101|422|limit",
        "/v1/report-schedules?limit=%2B5|400|limit",
        "/v1/report-schedules?limit=%EF%BC%95|400|limit",
        "/v1/report-schedules?limit=%D9%A5|400|limit",
        "/v1/report-schedules?limit=1.0|400|limit",
        "/v1/report-schedules?limit=|400|limit",
        "/v1/report-schedules?shared_link_id=%00|400|shared_link_id",
        "/v1/report-schedules?shared_link_id=1-2-3-4-5|400|shared_link_id",
        "/v1/report-schedules?cursor=%F0%9F%98%80|400|cursor",
        "/v1/report-schedules/{id}/upcoming?count=4294967296|422|count",
        "/v1/report-schedules/{id}/upcoming?count=%E2%80%AE1|400|count",
        "/v1/report-schedules/{id}/notifications?limit=2147483648|422|limit",
        "/v1/report-schedules/{id}/notifications?cursor=AAAA|400|cursor"
      })
  void aQueryParameterPastItsRangeIs4xxNamingIt(String path, int status, String field) {
    Response r = api.get(path.replace("{id}", existing), token);
    assertProblem(r, status);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "s:253402300800:0:%s",
        "s:99999999999999999999:0:%s",
        "s:-1:0:%s",
        "s:0:1000000000:%s",
        "s:0:-1:%s",
        "s:+5:0:%s",
        "n:0:0:%s",
        "s:0:0:not-a-uuid-but-thirty-six-chars-long"
      })
  void aCursorWithAnImpossiblePositionIs400(String text) {
    String cursor =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                String.format(text, UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    Response r = api.get("/v1/report-schedules?cursor=" + cursor, token);
    assertProblem(r, 400);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("cursor");
  }

  @Test
  void aCursorAtTheLastPossiblePositionIsAnEmptyPage() {
    String cursor =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(("s:0:0:" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    Response r = api.get("/v1/report-schedules?cursor=" + cursor, token);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("items")).isEmpty();
    assertThat(Map.of("next", r.json().get("next_cursor").isNull())).containsEntry("next", true);
  }
}
