package dev.reports.service.dev;

import static dev.reports.jooq.Tables.ORGANIZATIONS;
import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_EMAIL_RECIPIENTS;
import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.USERS;
import static dev.reports.jooq.Tables.VIDEOS;
import static dev.reports.jooq.Tables.VIDEOS_WITH_STATISTICS_FAST;
import static dev.reports.jooq.Tables.VIDEO_STATISTICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.countDistinct;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.service.Application;
import dev.reports.service.Http;
import dev.reports.service.config.Mode;
import dev.reports.service.config.ServiceConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dev} on an empty folder: H2, demo data, a working token, health 200, and a restart. */
class DevModeTest {
  private static final Pattern TOKEN = Pattern.compile("export TOKEN='([^']+)'");

  @TempDir Path dir;

  ServiceConfig config() {
    return ServiceConfig.load(
        Mode.DEV,
        Map.of("REPORTS_DATA_DIR", dir.resolve("data").toString(), "REPORTS_HTTP_PORT", "0"));
  }

  @Test
  void devStartsOnAnEmptyFolderWithDemoDataAToken_andRestartsWithoutReseeding() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    String token;
    Map<String, Object> firstSeed;
    ServiceConfig config = config();
    try (Application app =
        Application.start(config, new PrintStream(console, true, StandardCharsets.UTF_8))) {
      Http.Response ready = Http.get(app.httpPort(), "/health/ready");
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.json().get("status").asText()).isEqualTo("ready");
      assertThat(ready.json().get("checks").get(0).get("name").asText()).isEqualTo("database");
      assertThat(Http.get(app.httpPort(), "/health/live").status()).isEqualTo(200);

      assertDemoData(app.database().dsl());
      firstSeed = app.database().dsl().fetchSingle(ORGANIZATIONS).intoMap();

      String printed = console.toString(StandardCharsets.UTF_8);
      assertThat(printed)
          .contains("http://localhost:" + app.httpPort())
          .contains(
              "curl -s -H \"Authorization: Bearer $TOKEN\" http://localhost:"
                  + app.httpPort()
                  + "/v1/report-schedules")
          .contains(DemoData.RECENT_LINK_ID.toString());
      Matcher m = TOKEN.matcher(printed);
      assertThat(m.find()).as(printed).isTrue();
      token = m.group(1);
      DecodedJWT jwt =
          JWT.require(Algorithm.HMAC256(config.jwtSecret().bytes())).build().verify(token);
      assertThat(jwt.getSubject()).isEqualTo(DemoData.USER_ID.toString());
      assertThat(jwt.getExpiresAtAsInstant())
          .isAfter(Instant.now().plus(DemoToken.VALIDITY).minusSeconds(600));
    }
    assertThat(Files.exists(dir.resolve("data/reports.mv.db"))).isTrue();

    // a restart keeps the database, the demo rows and the secret: the old token still verifies
    ServiceConfig again = config();
    try (Application app = Application.start(again, new PrintStream(new ByteArrayOutputStream()))) {
      DSLContext dsl = app.database().dsl();
      assertThat(dsl.fetchSingle(ORGANIZATIONS).intoMap()).isEqualTo(firstSeed);
      assertThat(dsl.fetchCount(VIDEOS)).isEqualTo(DemoData.VIDEO_COUNT);
      JWT.require(Algorithm.HMAC256(again.jwtSecret().bytes())).build().verify(token);
      assertThat(Http.get(app.httpPort(), "/health/ready").status()).isEqualTo(200);
    }
  }

  private static void assertDemoData(DSLContext dsl) throws Exception {
    assertThat(dsl.fetchCount(ORGANIZATIONS)).isEqualTo(1);
    assertThat(dsl.fetchSingle(USERS).getId()).isEqualTo(DemoData.USER_ID);
    assertThat(dsl.fetchCount(VIDEOS, VIDEOS.ORGANIZATION_ID.eq(DemoData.ORGANIZATION_ID)))
        .isEqualTo(DemoData.VIDEO_COUNT);
    assertThat(dsl.fetchCount(VIDEO_STATISTICS)).isBetween(4_500, 4_999);
    assertThat(dsl.selectDistinct(VIDEOS.PLATFORM).from(VIDEOS).fetch(VIDEOS.PLATFORM))
        .containsExactlyInAnyOrderElementsOf(DemoData.PLATFORMS);
    assertThat(dsl.selectDistinct(VIDEOS.STATUS).from(VIDEOS).fetch(VIDEOS.STATUS))
        .containsExactlyInAnyOrderElementsOf(DemoData.STATUSES);
    assertThat(dsl.fetchValue(dsl.select(countDistinct(VIDEOS.CAMPAIGN_TAG)).from(VIDEOS)))
        .isEqualTo(DemoData.CAMPAIGNS.size());
    for (var nullable :
        List.of(VIDEOS.CAMPAIGN_TAG, VIDEOS.CHANNEL_USERNAME, VIDEOS.PUBLISHED_AT)) {
      assertThat(dsl.fetchCount(VIDEOS, nullable.isNull())).as(nullable.getName()).isPositive();
    }
    assertThat(dsl.fetchCount(VIDEOS, VIDEOS.TITLE.startsWith("="))).isPositive();
    assertThat(
            dsl.fetchCount(
                VIDEOS, VIDEOS.PUBLISHED_AT.gt(java.time.OffsetDateTime.now().minusDays(30))))
        .isPositive();
    // videos without statistics read as zeros through the view
    assertThat(
            dsl.fetchCount(VIDEOS_WITH_STATISTICS_FAST, VIDEOS_WITH_STATISTICS_FAST.VIEWS.eq(0L)))
        .isGreaterThanOrEqualTo(DemoData.VIDEO_COUNT - dsl.fetchCount(VIDEO_STATISTICS));

    ObjectMapper json = new ObjectMapper();
    JsonNode recent =
        json.readTree(
            dsl.fetchSingle(SHARED_LINKS, SHARED_LINKS.ID.eq(DemoData.RECENT_LINK_ID))
                .getFilters()
                .data());
    JsonNode campaign =
        json.readTree(
            dsl.fetchSingle(SHARED_LINKS, SHARED_LINKS.ID.eq(DemoData.CAMPAIGN_LINK_ID))
                .getFilters()
                .data());
    assertThat(recent.isObject()).isTrue();
    assertThat(recent.get("published_within_days").asInt()).isEqualTo(30);
    assertThat(campaign.get("campaign_tags").get(0).asText()).isEqualTo("Campaign A");
    assertThat(recent).isNotEqualTo(campaign);

    assertThat(dsl.fetchSingle(ORGANIZATION_NOTIFICATION_EMAIL_RECIPIENTS).getUserId())
        .isEqualTo(DemoData.USER_ID);
    assertThat(dsl.fetchSingle(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS).getTelegramChatId())
        .isEqualTo(DemoData.TELEGRAM_CHAT_ID);
  }
}
