package dev.reports.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.service.Application;
import dev.reports.service.config.Mode;
import dev.reports.service.config.ServiceConfig;
import dev.reports.service.testing.TestData;
import dev.reports.service.testing.TestData.Org;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard in docs/grafana queries only what a real node exposes: the service started
 * as {@code start} starts it, one run made through the API, then every metric name in every panel
 * query must be in the node's {@code /metrics} — JVM, GC, connection pool and HTTP included.
 */
@Timeout(120)
class DashboardMetricsTest {
  static final Path DASHBOARD = Path.of("..", "docs", "grafana", "scheduled-reports.json");
  static final Path OPERATIONS = Path.of("..", "docs", "operations.md");
  // PromQL words that are not metric names
  static final Set<String> PROMQL =
      Set.of(
          "sum",
          "max",
          "min",
          "avg",
          "count",
          "by",
          "without",
          "rate",
          "irate",
          "increase",
          "histogram_quantile",
          "and",
          "or",
          "unless",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "offset",
          "bool",
          "clamp_min",
          "clamp_max",
          "abs",
          "topk",
          "bottomk");

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase(false);
  @TempDir static Path dir;
  static Application app;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    ServiceConfig config =
        ServiceConfig.load(
            Mode.START,
            Map.of(
                "REPORTS_DB_URL",
                db.url(),
                "REPORTS_DB_USER",
                db.user(),
                "REPORTS_JWT_SECRET",
                Tokens.SECRET,
                "REPORTS_HTTP_PORT",
                "0",
                "REPORTS_EMAIL_DELIVERY",
                "outbox",
                "REPORTS_TELEGRAM_DELIVERY",
                "outbox",
                "REPORTS_OUTBOX_DIR",
                dir.resolve("outbox").toString()));
    app = Application.start(config, new PrintStream(new ByteArrayOutputStream()));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyMetricTheDashboardQueriesIsExposedByARealNode() throws Exception {
    TestData data = new TestData(app.database().dsl());
    Org org = data.org("Board");
    data.video(org, "Launch", Instant.parse("2026-03-01T10:00:00Z"), 100);
    String token = Tokens.valid(org.admin());
    ObjectMapper json = new ObjectMapper();
    HttpResponse<String> created =
        send("POST", "/v1/report-schedules", token, ScheduleBody.daily(org.link()).json());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json.readTree(created.body()).get("id").asText();
    HttpResponse<String> started = send("POST", "/v1/report-schedules/" + id + "/run", token, null);
    String runId = json.readTree(started.body()).get("run_id").asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              // 404 until a node has claimed the run
              HttpResponse<String> run = send("GET", "/v1/report-runs/" + runId, token, null);
              return run.statusCode() == 200
                  && !json.readTree(run.body()).get("finished_at").isNull();
            });
    System.gc(); // the GC pause timer appears with the first collection it is told of
    await().atMost(Duration.ofSeconds(20)).until(() -> scrape().has("jvm_gc_pause_seconds_count"));

    PrometheusText scrape = scrape();
    Set<String> queried = dashboardMetrics(json.readTree(Files.readString(DASHBOARD)));
    Set<String> alerted = alertMetrics(Files.readString(OPERATIONS));

    assertThat(queried)
        .contains(
            "reports_fire_lateness_seconds_bucket",
            "reports_run_duration_seconds_bucket",
            "reports_delivery_duration_seconds_bucket",
            "reports_runs_total",
            "reports_deliveries_total",
            "reports_csv_rows_total",
            "reports_csv_bytes_total",
            "jvm_memory_used_bytes",
            "jvm_gc_pause_seconds_sum",
            "hikaricp_connections_active",
            "hikaricp_connections_pending",
            "http_server_requests_seconds_count");
    for (String metric : queried) {
      assertThat(scrape.has(metric)).as(metric + " in a real /metrics").isTrue();
    }
    assertThat(alerted).contains("reports_runs_total", "hikaricp_connections_pending");
    for (String metric : alerted) {
      // up is Prometheus's own series about the scrape, not the node's
      if (!metric.equals("up")) {
        assertThat(scrape.has(metric)).as(metric + " (an alert in operations.md)").isTrue();
      }
    }
    assertThat(scrape.value("reports_runs_total", "kind", "manual")).isEqualTo(1);
    assertThat(scrape.value("hikaricp_connections_max", "pool", "reports-db")).isPositive();
    for (String family : scrape.types.keySet()) {
      assertThat(scrape.helps.get(family)).as("HELP of " + family).isNotBlank();
    }
  }

  @Test
  void theDashboardIsAnImportableGrafanaDashboard() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));

    assertThat(dashboard.get("title").asText()).isEqualTo("Scheduled Reports");
    assertThat(dashboard.get("uid").asText()).isNotBlank();
    assertThat(dashboard.get("schemaVersion").asInt()).isPositive();
    assertThat(dashboard.get("templating").get("list").get(0).get("type").asText())
        .isEqualTo("datasource");
    Set<Integer> ids = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(ids.add(panel.get("id").asInt())).as("panel ids are unique").isTrue();
      assertThat(panel.get("gridPos").get("w").asInt()).isBetween(1, 24);
      if (!panel.get("type").asText().equals("row")) {
        assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
        assertThat(panel.get("description").asText()).isNotBlank();
      }
    }
  }

  static PrometheusText scrape() throws Exception {
    HttpResponse<String> metrics = send("GET", "/metrics", null, null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    return new PrometheusText(metrics.body());
  }

  /** The metric names in every panel query of the dashboard. */
  static Set<String> dashboardMetrics(JsonNode dashboard) {
    Set<String> names = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      JsonNode targets = panel.get("targets");
      if (targets != null) {
        targets.forEach(target -> names.addAll(metricNames(target.get("expr").asText())));
      }
    }
    return names;
  }

  /** The metric names in the PromQL column of the alerts table in docs/operations.md. */
  static Set<String> alertMetrics(String operations) {
    String alerts = operations.substring(operations.indexOf("### Alerts to set"));
    Matcher row = Pattern.compile("(?m)^\\| [^|]+ \\| `(.+?)` \\|").matcher(alerts);
    Set<String> names = new TreeSet<>();
    while (row.find()) {
      names.addAll(metricNames(row.group(1).replace("\\|", "|")));
    }
    return names;
  }

  /**
   * The metric names in a PromQL expression: label matchers, grouping, ranges and words removed.
   */
  static Set<String> metricNames(String promql) {
    String expr =
        promql
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\"[^\"]*\"", " ")
            .replaceAll("\\b\\d+(\\.\\d+)?\\b", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(expr);
    while (m.find()) {
      if (!PROMQL.contains(m.group())) {
        names.add(m.group());
      }
    }
    return names;
  }
}
