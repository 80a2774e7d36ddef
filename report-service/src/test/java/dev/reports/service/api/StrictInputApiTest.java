package dev.reports.service.api;

import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static dev.reports.service.api.ScheduleBody.email;
import static dev.reports.service.api.ScheduleBody.telegram;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input on create and patch: 400 for what is not a well-typed schedule object, 422 naming every
 * bad field, 413 and 415 — always problem+json, and nothing written.
 */
class StrictInputApiTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static ApiServer api;
  static Org org;
  static Org other;
  static String token;
  static String existing;

  @BeforeAll
  static void start() {
    api = ApiServer.start(db.dataSource());
    org = api.data.org("Strict");
    other = api.data.org("Elsewhere");
    for (long chat = 1; chat <= 101; chat++) {
      api.data.connectTelegramChats(org, chat);
    }
    token = Tokens.valid(org.admin());
    Response r = api.post("/v1/report-schedules", token, ScheduleBody.daily(org.link()).json());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    existing = r.json().get("id").asText();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("empty body", ""),
        Arguments.of("truncated", "{\"timezone\": \"UTC\""),
        Arguments.of("not JSON", "timezone=UTC"),
        Arguments.of("array", "[]"),
        Arguments.of("null", "null"),
        Arguments.of("number", "42"),
        Arguments.of("string", "\"daily\""),
        Arguments.of("trailing content", "{} {}"),
        Arguments.of("duplicate key", "{\"timezone\": \"UTC\", \"timezone\": \"Europe/Moscow\"}"),
        Arguments.of("unknown field", "{\"colour\": \"red\"}"),
        Arguments.of("camelCase field", "{\"sharedLinkId\": \"x\"}"),
        Arguments.of(
            "unknown recipient field",
            "{\"recipients\": [{\"channel\": \"email\", \"email\": \"a@b.c\"}]}"),
        Arguments.of("boolean as string", "{\"send_email\": \"true\"}"),
        Arguments.of("boolean as number", "{\"enabled\": 1}"),
        Arguments.of("integer as string", "{\"day_of_month\": \"1\"}"),
        Arguments.of("integer as float", "{\"day_of_month\": 1.5}"),
        Arguments.of("integer as whole float", "{\"day_of_month\": 1.0}"),
        Arguments.of("string as number", "{\"timezone\": 3}"),
        Arguments.of("string as boolean", "{\"cadence\": true}"),
        Arguments.of("string as array", "{\"cadence\": [\"daily\"]}"),
        Arguments.of("string as object", "{\"shared_link_id\": {}}"),
        Arguments.of("recipients as object", "{\"recipients\": {}}"),
        Arguments.of("recipients as string", "{\"recipients\": \"everyone\"}"),
        Arguments.of("recipient as string", "{\"recipients\": [\"a@b.c\"]}"),
        Arguments.of("recipient as null", "{\"recipients\": [null]}"),
        Arguments.of(
            "chat id as string",
            "{\"recipients\": [{\"channel\": \"telegram\", \"telegram_chat_id\": \"-100\"}]}"),
        Arguments.of(
            "chat id beyond 64 bits",
            "{\"recipients\": [{\"channel\": \"telegram\", \"telegram_chat_id\": 1e30}]}"),
        Arguments.of(
            "chat id too long",
            "{\"recipients\": [{\"channel\": \"telegram\", \"telegram_chat_id\": 123456789012345678901234567890}]}"),
        Arguments.of("day of month beyond 32 bits", "{\"day_of_month\": 4294967297}"));
  }

  @ParameterizedTest(name = "create: {0}")
  @MethodSource("malformed")
  void createRefusesMalformedBodiesWith400(String what, String body) {
    Response r = api.post("/v1/report-schedules", token, body);
    assertProblem(r, 400);
    assertThat(r.json().get("type").asText()).isEqualTo(ApiProblem.MALFORMED);
  }

  @ParameterizedTest(name = "patch: {0}")
  @MethodSource("malformed")
  void patchRefusesMalformedBodiesWith400(String what, String body) {
    JsonNode before = api.get("/v1/report-schedules/" + existing, token).json();
    Response r = api.patch("/v1/report-schedules/" + existing, token, body);
    assertProblem(r, 400);
    assertThat(api.get("/v1/report-schedules/" + existing, token).json()).isEqualTo(before);
  }

  @Test
  void aWrongTypeNamesTheField() {
    Response r =
        api.post(
            "/v1/report-schedules",
            token,
            "{\"recipients\": [{\"channel\": \"telegram\", \"telegram_chat_id\": \"x\"}]}");
    assertProblem(r, 400);
    assertThat(r.json().get("errors").get(0).get("field").asText())
        .isEqualTo("recipients[0].telegram_chat_id");
    assertThat(r.json().get("errors").get(0).get("message").asText())
        .isEqualTo("must be an integer");

    Response unknown = api.post("/v1/report-schedules", token, "{\"colour\": \"red\"}");
    assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("colour");
    assertThat(unknown.json().get("detail").asText()).contains("colour");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("no shared link", base().without("shared_link_id"), List.of("shared_link_id")),
        Arguments.of(
            "shared link not a UUID",
            base().with("shared_link_id", "abc"),
            List.of("shared_link_id")),
        Arguments.of(
            "shared link short UUID form",
            base().with("shared_link_id", "1-2-3-4-5"),
            List.of("shared_link_id")),
        Arguments.of(
            "shared link missing",
            base().with("shared_link_id", UUID.randomUUID().toString()),
            List.of("shared_link_id")),
        Arguments.of(
            "shared link of another organization",
            base().with("shared_link_id", other.link().toString()),
            List.of("shared_link_id")),
        Arguments.of(
            "user of another organization",
            base().with("send_email", true).recipients(email(other.admin())),
            List.of("recipients[0].user_id")),
        Arguments.of("no time zone", base().without("timezone"), List.of("timezone")),
        Arguments.of(
            "unknown time zone", base().with("timezone", "Mars/Olympus_Mons"), List.of("timezone")),
        Arguments.of("offset, not a zone", base().with("timezone", "+03:00"), List.of("timezone")),
        Arguments.of("empty time zone", base().with("timezone", ""), List.of("timezone")),
        Arguments.of("hour 24", base().with("scheduled_time", "24:00"), List.of("scheduled_time")),
        Arguments.of(
            "one-digit hour", base().with("scheduled_time", "7:30"), List.of("scheduled_time")),
        Arguments.of(
            "seconds", base().with("scheduled_time", "07:30:00"), List.of("scheduled_time")),
        Arguments.of(
            "minute 60", base().with("scheduled_time", "07:60"), List.of("scheduled_time")),
        Arguments.of(
            "cadence without time", base().without("scheduled_time"), List.of("scheduled_time")),
        Arguments.of("unknown cadence", base().with("cadence", "hourly"), List.of("cadence")),
        Arguments.of("upper-case cadence", base().with("cadence", "DAILY"), List.of("cadence")),
        Arguments.of(
            "neither cadence nor cron",
            base().without("cadence").without("scheduled_time"),
            List.of("cadence")),
        // not the cadence's own equivalent ("30 7 * * *"): a patch ignores that one, sent back
        // as read (ReadScheduleSentBackApiTest)
        Arguments.of(
            "both cadence and cron",
            base().with("cron_expression", "0 8 * * *"),
            List.of("cron_expression")),
        Arguments.of("bad cron", cron("every day at 7"), List.of("cron_expression")),
        Arguments.of("six-field cron", cron("0 30 7 * * *"), List.of("cron_expression")),
        Arguments.of("empty cron", cron("  "), List.of("cron_expression")),
        Arguments.of("cron out of range", cron("61 7 * * *"), List.of("cron_expression")),
        Arguments.of(
            "cron more often than the minimum interval",
            cron("*/5 * * * *"),
            List.of("cron_expression")),
        Arguments.of(
            "time with cron",
            cron("0 7 * * *").with("scheduled_time", "07:00"),
            List.of("scheduled_time")),
        Arguments.of(
            "day of week with daily", base().with("day_of_week", "monday"), List.of("day_of_week")),
        Arguments.of(
            "abbreviated day",
            base().with("cadence", "weekly").with("day_of_week", "mon"),
            List.of("day_of_week")),
        Arguments.of(
            "day of month with weekly",
            base().with("cadence", "weekly").with("day_of_month", 3),
            List.of("day_of_month")),
        Arguments.of(
            "day of month 29",
            base().with("cadence", "monthly").with("day_of_month", 29),
            List.of("day_of_month")),
        Arguments.of(
            "day of month 0",
            base().with("cadence", "monthly").with("day_of_month", 0),
            List.of("day_of_month")),
        Arguments.of("no channel", base().with("send_telegram", false), List.of("send_email")),
        Arguments.of(
            "recipient without channel",
            base().recipients(Map.of("user_id", UUID.randomUUID().toString())),
            List.of("recipients[0].channel")),
        Arguments.of(
            "recipient of unknown channel",
            base().recipients(Map.of("channel", "sms", "telegram_chat_id", 1)),
            List.of("recipients[0].channel")),
        Arguments.of(
            "email recipient without user",
            base().recipients(Map.of("channel", "email")),
            List.of("recipients[0].user_id")),
        Arguments.of(
            "email recipient with chat",
            base()
                .recipients(
                    Map.of(
                        "channel",
                        "email",
                        "user_id",
                        UUID.randomUUID().toString(),
                        "telegram_chat_id",
                        5)),
            List.of("recipients[0].telegram_chat_id")),
        Arguments.of(
            "telegram recipient without chat",
            base().recipients(Map.of("channel", "telegram")),
            List.of("recipients[0].telegram_chat_id")),
        Arguments.of(
            "telegram chat 0",
            base().recipients(telegram(0)),
            List.of("recipients[0].telegram_chat_id")),
        Arguments.of(
            "user id not a UUID",
            base().recipients(Map.of("channel", "email", "user_id", "bob")),
            List.of("recipients[0].user_id")),
        Arguments.of(
            "unknown user",
            base().recipients(email(UUID.randomUUID())),
            List.of("recipients[0].user_id")),
        Arguments.of(
            "duplicate recipient",
            base().recipients(telegram(7), telegram(8), telegram(7)),
            List.of("recipients[2]")),
        Arguments.of(
            "too many recipients", base().recipients(manyChats(101)), List.of("recipients")));
  }

  private static ScheduleBody base() {
    return ScheduleBody.daily(org.link());
  }

  private static ScheduleBody cron(String expression) {
    return base().without("cadence").without("scheduled_time").with("cron_expression", expression);
  }

  private static Object[] manyChats(int n) {
    List<Object> chats = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      chats.add(telegram(i));
    }
    return chats.toArray();
  }

  @ParameterizedTest(name = "create: {0}")
  @MethodSource("invalid")
  void createRefusesInvalidValuesWith422NamingTheField(
      String what, ScheduleBody body, List<String> fields) {
    int before = api.dsl.fetchCount(SHARED_REPORT_SCHEDULES);

    Response r = api.post("/v1/report-schedules", token, body.json());

    assertProblem(r, 422);
    assertThat(r.json().get("type").asText()).isEqualTo(ApiProblem.INVALID);
    assertThat(r.json().get("errors").findValuesAsText("field")).containsExactlyElementsOf(fields);
    assertThat(api.dsl.fetchCount(SHARED_REPORT_SCHEDULES)).isEqualTo(before);
  }

  @ParameterizedTest(name = "patch: {0}")
  @MethodSource("invalid")
  void patchRefusesInvalidValuesWith422AndChangesNothing(
      String what, ScheduleBody body, List<String> fields) {
    JsonNode before = api.get("/v1/report-schedules/" + existing, token).json();

    Response r = api.patch("/v1/report-schedules/" + existing, token, body.patchJson());

    assertProblem(r, 422);
    assertThat(r.json().get("errors").findValuesAsText("field")).containsExactlyElementsOf(fields);
    assertThat(api.get("/v1/report-schedules/" + existing, token).json()).isEqualTo(before);
  }

  @Test
  void everyBadFieldGetsOneEntry() {
    String body =
        ScheduleBody.empty()
            .with("shared_link_id", other.link().toString())
            .with("cadence", "weekly")
            .with("scheduled_time", "25:00")
            .with("day_of_week", "funday")
            .with("timezone", "Nowhere/Town")
            .recipients(email(other.admin()), telegram(1), telegram(1))
            .json();

    Response r = api.post("/v1/report-schedules", token, body);

    assertProblem(r, 422);
    assertThat(r.json().get("errors").findValuesAsText("field"))
        .containsExactly(
            "shared_link_id",
            "timezone",
            "scheduled_time",
            "day_of_week",
            "send_email",
            "recipients[2]",
            "recipients[0].user_id");
    assertThat(r.json().get("detail").asText()).isEqualTo("7 fields are invalid");
  }

  @Test
  void aBadTimeZoneDoesNotHideABadCron() {
    String body =
        ScheduleBody.daily(org.link())
            .without("cadence")
            .without("scheduled_time")
            .with("timezone", "Mars/Olympus")
            .with("cron_expression", "*/5 * * * *")
            .json();

    Response r = api.post("/v1/report-schedules", token, body);

    assertProblem(r, 422);
    assertThat(r.json().get("errors").findValuesAsText("field"))
        .containsExactly("timezone", "cron_expression");
  }

  @Test
  void aDeactivatedRecipientIsRefused() {
    UUID gone = api.data.deactivatedUser(org);
    Response r =
        api.post(
            "/v1/report-schedules",
            token,
            ScheduleBody.daily(org.link()).with("send_email", true).recipients(email(gone)).json());
    assertProblem(r, 422);
    assertThat(r.json().get("errors").get(0).get("message").asText()).contains("deactivated");
  }

  @Test
  void patchNullClearsAnOptionalFieldAndRefusesClearingARequiredOne() {
    Response weekly =
        api.post(
            "/v1/report-schedules",
            token,
            ScheduleBody.daily(org.link())
                .with("cadence", "weekly")
                .with("day_of_week", "friday")
                .json());
    String id = weekly.json().get("id").asText();

    Response cleared = api.patch("/v1/report-schedules/" + id, token, "{\"day_of_week\": null}");
    assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
    assertThat(cleared.json().get("day_of_week").asText()).isEqualTo("monday");

    Response noZone = api.patch("/v1/report-schedules/" + id, token, "{\"timezone\": null}");
    assertProblem(noZone, 422);
    assertThat(noZone.json().get("errors").get(0).get("field").asText()).isEqualTo("timezone");
  }

  @Test
  void aBodyOver64KiBIs413() {
    String padding = "x".repeat(Bodies.MAX_BYTES);
    String body = "{\"timezone\": \"" + padding + "\"}";

    assertProblem(api.post("/v1/report-schedules", token, body), 413);
    assertProblem(api.patch("/v1/report-schedules/" + existing, token, body), 413);
  }

  @Test
  void aChunkedBodyOver64KiBIs413() {
    byte[] body = ("{\"timezone\": \"" + "x".repeat(Bodies.MAX_BYTES) + "\"}").getBytes();
    HttpRequest request =
        HttpRequest.newBuilder(api.uri("/v1/report-schedules"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    assertProblem(api.send(request), 413);
  }

  @Test
  void aBodyOfExactly64KiBIsRead() {
    String json = ScheduleBody.daily(org.link()).json();
    String body =
        json.substring(0, json.length() - 1) + " ".repeat(Bodies.MAX_BYTES - json.length()) + "}";
    assertThat(body).hasSize(Bodies.MAX_BYTES);

    assertThat(api.post("/v1/report-schedules", token, body).status()).isEqualTo(201);
  }

  @Test
  void aNonJsonContentTypeIs415() {
    HttpRequest request =
        HttpRequest.newBuilder(api.uri("/v1/report-schedules"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(ScheduleBody.daily(org.link()).json()))
            .build();

    assertProblem(api.send(request), 415);
  }

  @Test
  void mergePatchJsonIsAccepted() {
    HttpRequest request =
        HttpRequest.newBuilder(api.uri("/v1/report-schedules/" + existing))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/merge-patch+json; charset=utf-8")
            .method("PATCH", HttpRequest.BodyPublishers.ofString("{}"))
            .build();

    assertThat(api.send(request).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "limit=abc",
        "limit=1.5",
        "cursor=not-a-cursor",
        "cursor=bjoxOjI6Mw",
        "shared_link_id=xyz"
      })
  void malformedListParametersAre400(String query) {
    assertProblem(api.get("/v1/report-schedules?" + query, token), 400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=0", "limit=101", "limit=-1"})
  void outOfRangeLimitsAre422(String query) {
    Response r = api.get("/v1/report-schedules?" + query, token);
    assertProblem(r, 422);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("limit");
  }

  @Test
  void aNotificationsCursorIsNotAListCursor() {
    String schedulesCursor =
        Cursors.encode(
            Cursors.SCHEDULES,
            new dev.reports.service.schedule.Keyset(java.time.Instant.now(), UUID.randomUUID()));
    assertProblem(
        api.get(
            "/v1/report-schedules/" + existing + "/notifications?cursor=" + schedulesCursor, token),
        400);
    assertProblem(
        api.get("/v1/report-schedules/" + existing + "/notifications?limit=0", token), 422);
  }

  @Test
  void theRunHistoryTakesOnlyItsOwnCursorAndABoundedLimit() {
    String notificationsCursor =
        Cursors.encode(
            Cursors.NOTIFICATIONS,
            new dev.reports.service.schedule.Keyset(java.time.Instant.now(), UUID.randomUUID()));
    assertProblem(
        api.get("/v1/report-schedules/" + existing + "/runs?cursor=" + notificationsCursor, token),
        400);
    assertProblem(
        api.get("/v1/report-schedules/" + existing + "/runs?cursor=not-a-cursor", token), 400);
    assertProblem(api.get("/v1/report-schedules/" + existing + "/runs?limit=101", token), 422);
    assertProblem(api.get("/v1/report-schedules/" + existing + "/runs?limit=x", token), 400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"count=0", "count=101"})
  void outOfRangeCountsAre422(String query) {
    assertProblem(api.get("/v1/report-schedules/" + existing + "/upcoming?" + query, token), 422);
  }

  @Test
  void aNonNumericCountIs400() {
    assertProblem(api.get("/v1/report-schedules/" + existing + "/upcoming?count=many", token), 400);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/report-schedules/not-a-uuid",
        "/v1/report-schedules/00000000-0000-0000-0000-000000000000",
        "/v1/nothing-here"
      })
  void unknownThingsAre404(String path) {
    assertProblem(api.get(path, token), 404);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /v1/report-schedules/%zz HTTP/1.1\r\nHost: x\r\n",
        "POST /v1/report-schedules HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n",
        "GET /v1/report-schedules HTTP/1.1\r\nHost: x\r\nX-Padding: PAD\r\n"
      })
  void requestsThatAreNotValidHttpGetAProblemToo(String head) throws Exception {
    String request = head.replace("PAD", "a".repeat(20_000)) + "Connection: close\r\n\r\n";
    String answer;
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", api.uri("/").getPort())) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      answer =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    assertThat(answer)
        .matches("(?s)HTTP/1.1 4\\d\\d .*")
        .containsIgnoringCase("Content-Type: application/problem+json");
    JsonNode problem =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertThat(problem.get("status").asInt()).isBetween(400, 499);
    assertThat(problem.get("type").asText()).isEqualTo("about:blank");
  }

  static void assertProblem(Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    JsonNode problem = r.json();
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("type").asText()).isNotBlank();
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).isNotBlank();
  }
}
