package dev.reports.service;

import static dev.reports.jooq.Tables.SHARED_LINKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings that other parts consume, wired as a node wires them: the shared link's URL reaches the
 * message of a delivered report, and the schedule quota bounds the API.
 */
class ConfiguredSettingsTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef-set";
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase(false);
  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theSharedLinkUrlAndTheQuotaFromTheEnvironmentReachTheMessageAndTheApi() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("REPORTS_DB_URL", db.url());
    env.put("REPORTS_DB_USER", db.user());
    env.put("REPORTS_JWT_SECRET", SECRET);
    env.put("REPORTS_HTTP_PORT", "0");
    env.put("REPORTS_EMAIL_DELIVERY", "outbox");
    env.put("REPORTS_TELEGRAM_DELIVERY", "off");
    env.put("REPORTS_OUTBOX_DIR", dir.resolve("outbox").toString());
    env.put("REPORTS_SHARED_LINK_URL", "https://app.example.com/s/{slug}");
    env.put("REPORTS_MAX_SCHEDULES_PER_ORG", "1");
    DSLContext dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    try (Application node = Application.start(ServiceConfig.load(Mode.START, env), quiet)) {
      TestData.Org org = new TestData(dsl).org("Acme");
      String slug =
          dsl.select(SHARED_LINKS.SLUG)
              .from(SHARED_LINKS)
              .where(SHARED_LINKS.ID.eq(org.link()))
              .fetchSingle(SHARED_LINKS.SLUG);
      String token = DemoToken.mint(node.config().jwtSecret(), org.admin(), Instant.now());
      String body =
          "{\"shared_link_id\": \""
              + org.link()
              + "\", \"cadence\": \"daily\", \"scheduled_time\": \"09:00\", \"timezone\": \"UTC\","
              + " \"send_email\": true, \"recipients\": [{\"channel\": \"email\", \"user_id\": \""
              + org.admin()
              + "\"}]}";

      HttpResponse<String> created = post(node.httpPort(), token, body);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      HttpResponse<String> second = post(node.httpPort(), token, body);
      assertThat(second.statusCode()).as(second.body()).isEqualTo(409);

      UUID run =
          node.engine().runNow(UUID.fromString(JSON.readTree(created.body()).get("id").asText()));
      Path envelope = dir.resolve("outbox").resolve(run.toString());
      await().atMost(Duration.ofSeconds(30)).until(() -> envelopes(envelope).findAny().isPresent());
      JsonNode sent = JSON.readTree(envelopes(envelope).findFirst().orElseThrow().toFile());
      assertThat(sent.get("message").get("sharedLinkUrl").asText())
          .isEqualTo("https://app.example.com/s/" + slug);
      assertThat(sent.get("caption").asText()).endsWith("https://app.example.com/s/" + slug);
    }
  }

  private static Stream<Path> envelopes(Path runDir) throws Exception {
    if (!Files.isDirectory(runDir)) {
      return Stream.empty();
    }
    try (Stream<Path> files = Files.walk(runDir)) {
      return files
          .filter(f -> f.getFileName().toString().equals("delivery.json"))
          .toList()
          .stream();
    }
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
