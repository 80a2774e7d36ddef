package dev.reports.service.api;

import static dev.reports.jooq.Tables.SHARED_REPORT_MANUAL_RUNS;
import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reports.engine.ReportEngine;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.testing.FakeDeliveryLog;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FakeReport;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.run.JooqRunLog;
import dev.reports.service.schedule.JooqReportDefinitions;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jooq.types.DayToSecond;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The brakes on {@code POST /v1/report-schedules/{id}/run}, through HTTP on PostgreSQL with the
 * real run ledger: an idempotency key answers the same run for 24 hours on every node, a manual run
 * in progress refuses another (409 naming it), and an organization gets at most 10 a minute across
 * the cluster (429 with Retry-After).
 */
@Timeout(120)
class RunNowBrakesApiTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  /** Deliveries wait here while a test holds the gate closed, so a run stays in progress. */
  static final Semaphore gate = new Semaphore(Integer.MAX_VALUE);

  static ApiServer node1;
  static ApiServer node2;

  static ApiServer.EngineSetup pipeline() {
    FakeRecipientResolver resolver = new FakeRecipientResolver();
    resolver.add(Recipient.email(UUID.randomUUID(), "reader@example.com"));
    DeliveryChannel gated =
        new DeliveryChannel() {
          @Override
          public Channel channel() {
            return Channel.EMAIL;
          }

          @Override
          public DeliveryReceipt send(Delivery delivery) {
            try {
              if (!gate.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the gate stayed closed");
              }
              gate.release();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return new DeliveryReceipt("gated", "m-" + delivery.runId(), Map.of());
          }
        };
    return (dataSource, dsl, registry) ->
        ReportEngine.builder(dataSource)
            .schedulerName("brakes-" + UUID.randomUUID())
            .threads(4)
            .reportDefinitions(new JooqReportDefinitions(dsl, link -> new FakeReport()))
            .recipients(resolver)
            .deliveryLog(new FakeDeliveryLog())
            .runLog(new JooqRunLog(dsl))
            .channel(gated)
            .meterRegistry(registry);
  }

  @BeforeAll
  static void start() {
    node1 = ApiServer.start(db.dataSource(), pipeline());
    node2 = ApiServer.start(db.dataSource(), pipeline());
  }

  @AfterAll
  static void stop() {
    node1.close();
    node2.close();
  }

  @AfterEach
  void openTheGate() {
    gate.drainPermits();
    gate.release(Integer.MAX_VALUE);
  }

  private static String token(Org org) {
    return Tokens.valid(org.admin());
  }

  private static String schedule(Org org) {
    Response r =
        node1.post(
            "/v1/report-schedules",
            token(org),
            ScheduleBody.daily(org.link())
                .with("send_telegram", false)
                .with("send_email", true)
                .json());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static Response run(ApiServer node, Org org, String id, String key) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(node.uri("/v1/report-schedules/" + id + "/run"))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token(org))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return node.send(request.build());
  }

  private static void awaitFinished(String runId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                node1
                    .dsl
                    .fetchOptional(
                        SHARED_REPORT_RUNS, SHARED_REPORT_RUNS.ID.eq(UUID.fromString(runId)))
                    .map(r -> r.getFinishedAt() != null)
                    .orElse(false));
  }

  @Test
  void theSameIdempotencyKeyAnswersTheSameRunOnEveryNodeFor24Hours() {
    Org org = node1.data.org("Idempotent");
    String id = schedule(org);

    Response first = run(node1, org, id, "retry-me-1");
    Response again = run(node1, org, id, "retry-me-1");
    Response elsewhere = run(node2, org, id, "retry-me-1");

    assertThat(first.status()).as(first.toString()).isEqualTo(202);
    String runId = first.json().get("run_id").asText();
    assertThat(again.status()).as(again.toString()).isEqualTo(202);
    assertThat(again.json().get("run_id").asText()).isEqualTo(runId);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(202);
    assertThat(elsewhere.json().get("run_id").asText()).isEqualTo(runId);
    awaitFinished(runId);
    assertThat(
            node1.dsl.fetchCount(
                SHARED_REPORT_RUNS, SHARED_REPORT_RUNS.SCHEDULE_ID.eq(UUID.fromString(id))))
        .as("one run, however often it was asked for")
        .isEqualTo(1);

    // 24 hours later the key is free again
    node1
        .dsl
        .update(SHARED_REPORT_MANUAL_RUNS)
        .set(
            SHARED_REPORT_MANUAL_RUNS.REQUESTED_AT,
            SHARED_REPORT_MANUAL_RUNS.REQUESTED_AT.minus(DayToSecond.valueOf(Duration.ofHours(25))))
        .where(SHARED_REPORT_MANUAL_RUNS.RUN_ID.eq(UUID.fromString(runId)))
        .execute();
    Response later = run(node1, org, id, "retry-me-1");
    assertThat(later.status()).as(later.toString()).isEqualTo(202);
    assertThat(later.json().get("run_id").asText()).isNotEqualTo(runId);
  }

  @Test
  void aKeyOfAnotherScheduleOrOfTheWrongShapeIs422NamingTheHeader() {
    Org org = node1.data.org("Keys");
    String one = schedule(org);
    String two = schedule(org);
    assertThat(run(node1, org, one, "shared-key").status()).isEqualTo(202);

    for (Response r :
        List.of(
            run(node1, org, two, "shared-key"),
            run(node1, org, two, "k".repeat(101)),
            run(node1, org, two, ""))) {
      assertThat(r.status()).as(r.toString()).isEqualTo(422);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.json().get("errors").findValuesAsText("field"))
          .containsExactly("Idempotency-Key");
    }
    assertThat(run(node1, org, two, "k".repeat(100)).status()).isEqualTo(202);
  }

  @Test
  void whileAManualRunIsInProgressAnotherIs409NamingIt() throws Exception {
    Org org = node1.data.org("Busy");
    String id = schedule(org);
    gate.drainPermits(); // deliveries wait: the first run stays in progress

    Response first = run(node1, org, id, null);
    assertThat(first.status()).as(first.toString()).isEqualTo(202);
    String runId = first.json().get("run_id").asText();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                node1.dsl.fetchExists(
                    SHARED_REPORT_RUNS,
                    SHARED_REPORT_RUNS.ID.eq(UUID.fromString(runId)),
                    SHARED_REPORT_RUNS.STATUS.eq("running")));

    for (ApiServer node : List.of(node1, node2)) {
      Response busy = run(node, org, id, null);
      assertThat(busy.status()).as(busy.toString()).isEqualTo(409);
      assertThat(busy.contentType()).startsWith("application/problem+json");
      assertThat(busy.json().get("run_id").asText()).isEqualTo(runId);
      assertThat(busy.json().get("detail").asText()).contains(runId);
    }
    // a new key does not get round it either
    assertThat(run(node1, org, id, "fresh-key").status()).isEqualTo(409);

    gate.release(Integer.MAX_VALUE);
    awaitFinished(runId);
    Response next = run(node1, org, id, null);
    assertThat(next.status()).as(next.toString()).isEqualTo(202);
    assertThat(next.json().get("run_id").asText()).isNotEqualTo(runId);
  }

  @Test
  void theEleventhManualRunOfAnOrganizationInAMinuteIs429WithRetryAfterOnAnyNode() {
    Org org = node1.data.org("Eager");
    Org calm = node1.data.org("Calm");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      ids.add(schedule(org));
    }
    for (int i = 0; i < 10; i++) {
      Response r = run(i % 2 == 0 ? node1 : node2, org, ids.get(i), null);
      assertThat(r.status()).as("run " + i + ": " + r).isEqualTo(202);
    }

    Response refused = run(node2, org, ids.get(10), null);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);
    // the brake is the organization's: another one is not slowed down
    assertThat(run(node1, calm, schedule(calm), null).status()).isEqualTo(202);

    // once the minute has passed for the oldest request, the organization may run again
    node1
        .dsl
        .update(SHARED_REPORT_MANUAL_RUNS)
        .set(
            SHARED_REPORT_MANUAL_RUNS.REQUESTED_AT,
            OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(2))
        .where(SHARED_REPORT_MANUAL_RUNS.ORGANIZATION_ID.eq(org.id()))
        .execute();
    assertThat(run(node1, org, ids.get(10), null).status()).isEqualTo(202);
  }
}
