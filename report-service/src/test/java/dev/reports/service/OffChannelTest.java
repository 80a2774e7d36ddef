package dev.reports.service;

import static dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.engine.delivery.DeliveryEntry;
import dev.reports.jooq.tables.records.SharedReportNotificationsRecord;
import dev.reports.service.config.Mode;
import dev.reports.service.config.ServiceConfig;
import dev.reports.service.dev.DemoToken;
import dev.reports.service.testing.TestData;
import dev.reports.test.PostgresDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A channel turned off ({@code REPORTS_EMAIL_DELIVERY=off}) on real nodes: readiness shows it, the
 * API refuses a schedule that enables it, and a schedule saved before it was turned off gets a
 * failed delivery that names the mode.
 */
class OffChannelTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef-off";
  static final ObjectMapper JSON = new ObjectMapper();
  // the report's deliveries; the failed run also alerts its creator, in rows of their own
  static final Condition REPORT_ROWS =
      SHARED_REPORT_NOTIFICATIONS.RECIPIENT_KEY.notLike(DeliveryEntry.ALERT_PREFIX + "%");

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase(false);
  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();

  ServiceConfig config(String emailMode) {
    Map<String, String> env = new HashMap<>();
    env.put("REPORTS_DB_URL", db.url());
    env.put("REPORTS_DB_USER", db.user());
    env.put("REPORTS_JWT_SECRET", SECRET);
    env.put("REPORTS_HTTP_PORT", "0");
    env.put("REPORTS_EMAIL_DELIVERY", emailMode);
    env.put("REPORTS_TELEGRAM_DELIVERY", "outbox");
    env.put("REPORTS_OUTBOX_DIR", dir.resolve("outbox").toString());
    return ServiceConfig.load(Mode.START, env);
  }

  @Test
  void anOffChannelIsShownRefusedForNewSchedulesAndFailsTheDeliveriesOfOldOnes() throws Exception {
    DSLContext dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    UUID scheduleId;
    TestData.Org org;
    String token;
    // saved while email still went to the outbox
    try (Application before = Application.start(config("outbox"), quiet)) {
      org = new TestData(dsl).org("Acme");
      token = DemoToken.mint(before.config().jwtSecret(), org.admin(), Instant.now());
      HttpResponse<String> created = post(before.httpPort(), token, schedule(org, true));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      scheduleId = UUID.fromString(JSON.readTree(created.body()).get("id").asText());
    }

    try (Application node = Application.start(config("off"), quiet)) {
      JsonNode ready = Http.get(node.httpPort(), "/health/ready").json();
      assertThat(ready.get("channels").toString())
          .isEqualTo("{\"email\":\"off\",\"telegram\":\"outbox\"}");

      HttpResponse<String> refused = post(node.httpPort(), token, schedule(org, true));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      JsonNode errors = JSON.readTree(refused.body()).get("errors");
      assertThat(errors).hasSize(1);
      assertThat(errors.get(0).get("field").asText()).isEqualTo("send_email");
      assertThat(errors.get(0).get("message").asText()).contains("email delivery is off");
      assertThat(post(node.httpPort(), token, schedule(org, false)).statusCode()).isEqualTo(201);

      node.engine().runNow(scheduleId);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          dsl.selectFrom(SHARED_REPORT_NOTIFICATIONS)
                              .where(SHARED_REPORT_NOTIFICATIONS.SCHEDULE_ID.eq(scheduleId))
                              .and(REPORT_ROWS)
                              .fetch(SharedReportNotificationsRecord::getStatus))
                      .containsExactly("failed"));
      SharedReportNotificationsRecord failed =
          dsl.selectFrom(SHARED_REPORT_NOTIFICATIONS)
              .where(SHARED_REPORT_NOTIFICATIONS.SCHEDULE_ID.eq(scheduleId))
              .and(REPORT_ROWS)
              .fetchSingle();
      assertThat(failed.getChannel()).isEqualTo("email");
      assertThat(failed.getRecipientUserId()).isEqualTo(org.admin());
      JsonNode payload = JSON.readTree(failed.getPayload().data());
      assertThat(payload.get("error").asText())
          .isEqualTo("email delivery is off on this service (REPORTS_EMAIL_DELIVERY=off)");
      assertThat(payload.get("error_code").asText()).isEqualTo("channel_off");
      assertThat(payload.get("provider").asText()).isEqualTo("off");
    }
  }

  private static String schedule(TestData.Org org, boolean email) {
    return "{\"shared_link_id\": \""
        + org.link()
        + "\", \"cadence\": \"daily\", \"scheduled_time\": \"09:00\", \"timezone\": \"UTC\","
        + " \"send_email\": "
        + email
        + ", \"send_telegram\": "
        + !email
        // no recipients of its own for Telegram: the organization's, at run time
        + (email
            ? ", \"recipients\": [{\"channel\": \"email\", \"user_id\": \"" + org.admin() + "\"}]"
            : "")
        + "}";
  }

  private HttpResponse<String> post(int port, String token, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/report-schedules"))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
