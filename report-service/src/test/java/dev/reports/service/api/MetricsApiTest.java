package dev.reports.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.api.PrometheusText.Sample;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} after a real scheduled run, scraped over HTTP: fire lateness, run and delivery
 * durations are Prometheus histograms with fixed buckets that move; runs, deliveries and CSV
 * counters move by what the run did; every family has a HELP text.
 */
@Timeout(120)
class MetricsApiTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  @TempDir static Path work;
  static final FakeLoopsServer loops = new FakeLoopsServer();
  static final long CHAT = -1001234567890L;
  static final long BLOCKED = -1005555555555L;
  static final FakeTelegramServer telegram = new FakeTelegramServer().blockedChat(BLOCKED);
  static ApiServer api;
  static Org org;
  static String token;

  @BeforeAll
  static void start() {
    api = RealPipeline.start(db, loops, telegram, work);
    org = api.data.org("Metrics");
    token = Tokens.valid(org.admin());
    api.data.telegramChat(org, CHAT);
    api.data.telegramChat(org, BLOCKED);
    api.data.video(org, "One", Instant.parse("2026-03-01T10:00:00Z"), 10);
    api.data.video(org, "Two", Instant.parse("2026-03-02T10:00:00Z"), 20);
    api.data.video(org, "Three", Instant.parse("2026-03-03T10:00:00Z"), 30);
  }

  @AfterAll
  static void stop() {
    api.close();
    loops.close();
    telegram.close();
  }

  static PrometheusText scrape() {
    Response metrics = api.get("/metrics", null);
    assertThat(metrics.status()).isEqualTo(200);
    return new PrometheusText(metrics.body());
  }

  @Test
  void aScheduledRunMovesTheHistogramsAndCounters() {
    PrometheusText before = scrape();
    UUID colleague = api.data.user(org, "Colleague");
    ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3);
    String body =
        ScheduleBody.daily(org.link())
            .without("cadence")
            .without("scheduled_time")
            .with(
                "cron_expression",
                at.getSecond() + " " + at.getMinute() + " " + at.getHour() + " * * *")
            .with("timezone", "UTC")
            .with("send_email", true)
            .with("send_telegram", true)
            .recipients(
                ScheduleBody.email(colleague),
                ScheduleBody.telegram(CHAT),
                ScheduleBody.telegram(BLOCKED))
            .json();
    Response created = api.post("/v1/report-schedules", token, body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().get("id").asText();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              JsonNode items = api.get("/v1/report-schedules/" + id + "/runs", token).json();
              return items.get("items").size() == 1
                  && !items.get("items").get(0).get("finished_at").isNull();
            });
    JsonNode run =
        api.get("/v1/report-schedules/" + id + "/runs", token).json().get("items").get(0);
    assertThat(run.get("kind").asText()).isEqualTo("scheduled");
    assertThat(run.get("status").asText()).isEqualTo("partially_failed");
    PrometheusText after = scrape();

    for (String histogram :
        List.of(
            "reports_fire_lateness_seconds",
            "reports_run_duration_seconds",
            "reports_delivery_duration_seconds")) {
      assertThat(after.types).containsEntry(histogram, "histogram");
      assertThat(after.text).contains("# TYPE " + histogram + " histogram");
      assertThat(after.find(histogram + "_bucket"))
          .extracting(s -> s.labels().get("le"))
          .contains("0.1", "1.0", "+Inf");
    }
    assertThat(delta(before, after, "reports_fire_lateness_seconds_count")).isEqualTo(1);
    assertThat(
            delta(
                before, after, "reports_run_duration_seconds_count", "status", "partially_failed"))
        .isEqualTo(1);
    assertThat(delta(before, after, "reports_delivery_duration_seconds_count", "channel", "email"))
        .isEqualTo(1);
    assertThat(
            delta(before, after, "reports_delivery_duration_seconds_count", "channel", "telegram"))
        .isEqualTo(2);
    assertThat(
            delta(
                before,
                after,
                "reports_runs_total",
                "status",
                "partially_failed",
                "kind",
                "scheduled"))
        .isEqualTo(1);
    assertThat(after.value("reports_runs_total", "status", "failed")).isZero();
    assertThat(
            delta(before, after, "reports_deliveries_total", "channel", "email", "status", "sent"))
        .isEqualTo(1);
    assertThat(
            delta(
                before, after, "reports_deliveries_total", "channel", "telegram", "status", "sent"))
        .isEqualTo(1);
    assertThat(
            delta(
                before,
                after,
                "reports_deliveries_total",
                "channel",
                "telegram",
                "status",
                "failed"))
        .isEqualTo(1);
    assertThat(delta(before, after, "reports_csv_rows_total"))
        .isEqualTo(run.get("row_count").asLong())
        .isEqualTo(3);
    assertThat(delta(before, after, "reports_csv_bytes_total"))
        .isEqualTo(run.get("bytes").asLong());
    // the API's own requests are counted too, by route
    assertThat(
            after.value(
                "http_server_requests_seconds_count",
                "uri",
                "/v1/report-schedules/{id}/runs",
                "status",
                "200"))
        .isPositive();
  }

  @Test
  void everyFamilyHasHelpAndEveryHistogramIsCumulative() {
    PrometheusText scrape = scrape();

    assertThat(scrape.types).isNotEmpty();
    for (String family : scrape.types.keySet()) {
      assertThat(scrape.helps.get(family)).as("HELP of " + family).isNotBlank();
    }
    for (Sample sample : scrape.samples) {
      assertThat(scrape.types)
          .as("TYPE of " + sample.name())
          .containsKey(scrape.family(sample.name()));
    }
    for (Map.Entry<String, String> family : scrape.types.entrySet()) {
      if (!family.getValue().equals("histogram")) {
        continue;
      }
      String name = family.getKey();
      for (Sample count : scrape.find(name + "_count")) {
        List<Double> buckets = new ArrayList<>();
        for (Sample bucket : scrape.find(name + "_bucket")) {
          Map<String, String> labels = new java.util.TreeMap<>(bucket.labels());
          String le = labels.remove("le");
          if (labels.equals(count.labels())) {
            buckets.add(bucket.value());
            if (le.equals("+Inf")) {
              assertThat(bucket.value()).as(name + " +Inf = count").isEqualTo(count.value());
            }
          }
        }
        assertThat(buckets).as(name + " " + count.labels()).isNotEmpty().isSorted();
      }
    }
  }

  private static double delta(
      PrometheusText before, PrometheusText after, String name, String... labels) {
    assertThat(after.find(name, labels)).as(name + " " + List.of(labels)).isNotEmpty();
    return after.value(name, labels) - before.value(name, labels);
  }
}
