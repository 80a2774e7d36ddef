package dev.reports.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** /metrics in Prometheus text with HTTP metrics by route, and an access log without tokens. */
class OperationsApiTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static ApiServer api;
  static Org org;

  @BeforeAll
  static void start() {
    api = ApiServer.start(db.dataSource());
    org = api.data.org("Ops");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void metricsArePrometheusTextWithRequestsByRouteAndStatus() {
    String token = Tokens.valid(org.admin());
    Response created =
        api.post("/v1/report-schedules", token, ScheduleBody.daily(org.link()).json());
    api.get("/v1/report-schedules/" + created.json().get("id").asText(), token);
    api.get("/v1/report-schedules", null);
    api.get("/no/such/route", token);

    Response metrics = api.get("/metrics", null);

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.contentType()).startsWith("text/plain").contains("version=0.0.4");
    assertThat(metrics.body())
        .contains("# TYPE http_server_requests_seconds summary")
        .containsPattern(
            "http_server_requests_seconds_count\\{method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/v1/report-schedules\"} 1")
        .containsPattern(
            "http_server_requests_seconds_count\\{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/v1/report-schedules/\\{id}\"} 1")
        .containsPattern(
            "http_server_requests_seconds_count\\{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"401\",uri=\"/v1/report-schedules\"} 1")
        .containsPattern(
            "http_server_requests_seconds_count\\{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"NOT_FOUND\"} 1")
        .contains("jvm_memory_used_bytes");
    assertThat(metrics.body())
        .doesNotContain("/no/such/route")
        .doesNotContain(created.json().get("id").asText());
  }

  @Test
  void healthRoutesAnswerWithoutAToken() {
    Response live = api.get("/health/live", null);
    Response ready = api.get("/health/ready", null);

    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().get("status").asText()).isEqualTo("up");
    assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
    assertThat(ready.json().get("status").asText()).isEqualTo("ready");
  }

  @Test
  void theModuleAlsoPlugsIntoAJavalinBeingConfigured() throws Exception {
    ApiModule module = new ApiModule(api.dsl, api.engine, Tokens.SECRET, api.registry);
    Javalin app =
        Javalin.create(
                config -> {
                  config.showJavalinBanner = false;
                  module.register(config);
                })
            .start("127.0.0.1", 0);
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI base = URI.create("http://127.0.0.1:" + app.port());
      HttpResponse<String> list =
          http.send(
              HttpRequest.newBuilder(base.resolve("/v1/report-schedules?limit=3"))
                  .header("Authorization", "Bearer " + Tokens.valid(org.admin()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(base.resolve("/nothing")).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(api.registry.find("http.server.requests").tag("uri", "NOT_FOUND").timer())
          .isNotNull();
    } finally {
      app.stop();
    }
  }

  @Test
  void theAccessLogHasOneLinePerRequestAndNoToken() {
    Logger access = (Logger) LoggerFactory.getLogger(RequestLog.ACCESS_LOGGER);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    access.addAppender(lines);
    try {
      String token = Tokens.valid(org.admin());
      api.get("/v1/report-schedules?limit=5", token);
      api.get("/v1/report-schedules", Tokens.expired(org.admin()));
      api.post("/v1/report-schedules", token, "{\"colour\": \"" + token + "\"}");

      List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertThat(messages).hasSize(3);
      assertThat(messages.get(0))
          .matches("GET /v1/report-schedules 200 [0-9.]+ms user=" + org.admin());
      assertThat(messages.get(1)).matches("GET /v1/report-schedules 401 [0-9.]+ms user=-");
      assertThat(messages.get(2)).startsWith("POST /v1/report-schedules 400 ");
      String signature = token.substring(token.lastIndexOf('.') + 1);
      assertThat(messages)
          .noneMatch(
              m ->
                  m.contains(signature)
                      || m.contains("Bearer")
                      || m.contains("eyJ")
                      || m.contains("limit="));
    } finally {
      access.detachAppender(lines);
    }
  }
}
