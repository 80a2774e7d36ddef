package dev.reports.service.api;

import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An organization holds at most N schedules (here 3): the next create is 409 problem+json, a
 * deleted schedule frees its place, other organizations are not affected, and parallel creates
 * never overshoot.
 */
@Timeout(120)
class ScheduleQuotaApiTest {
  static final int QUOTA = 3;

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static ApiServer api;

  @BeforeAll
  static void start() {
    api = ApiServer.start(db.dataSource(), QUOTA);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static Response create(Org org) {
    return api.post(
        "/v1/report-schedules", Tokens.valid(org.admin()), ScheduleBody.daily(org.link()).json());
  }

  private static int schedulesOf(Org org) {
    return api.dsl.fetchCount(
        SHARED_REPORT_SCHEDULES,
        SHARED_REPORT_SCHEDULES.ORGANIZATION_ID.eq(org.id()),
        SHARED_REPORT_SCHEDULES.DELETED_AT.isNull());
  }

  @Test
  void aCreatePastTheQuotaIs409AndADeleteFreesAPlace() {
    Org org = api.data.org("Full");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < QUOTA; i++) {
      Response r = create(org);
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      ids.add(r.json().get("id").asText());
    }

    Response over = create(org);

    assertThat(over.status()).as(over.toString()).isEqualTo(409);
    assertThat(over.contentType()).startsWith("application/problem+json");
    assertThat(over.json().get("type").asText())
        .isEqualTo("urn:scheduled-reports:problem:schedule-quota");
    assertThat(over.json().get("detail").asText()).contains(Integer.toString(QUOTA));
    assertThat(schedulesOf(org)).isEqualTo(QUOTA);
    assertThat(create(api.data.org("Empty")).status())
        .as("another organization has its own quota")
        .isEqualTo(201);

    assertThat(api.delete("/v1/report-schedules/" + ids.get(0), Tokens.valid(org.admin())).status())
        .isEqualTo(204);
    assertThat(create(org).status()).isEqualTo(201);
    assertThat(create(org).status()).isEqualTo(409);
  }

  @Test
  void parallelCreatesNeverOvershootTheQuota() throws Exception {
    Org org = api.data.org("Racing");
    int requests = 12;
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        Callable<Integer> create =
            () -> {
              go.await();
              return create(org).status();
            };
        answers.add(pool.submit(create));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get());
      }

      assertThat(statuses).containsOnly(201, 409);
      assertThat(statuses.stream().filter(s -> s == 201)).hasSize(QUOTA);
      assertThat(schedulesOf(org)).isEqualTo(QUOTA);
    } finally {
      pool.shutdownNow();
    }
  }
}
