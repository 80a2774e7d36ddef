package dev.reports.service.api;

import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.jooq.tables.records.SharedReportSchedulesRecord;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API's cost per request where it could grow with the data: listing deep into many schedules
 * (keyset cursors against the OFFSET paging they replace) and creating a schedule (validation, rows
 * and trigger in one transaction). Run with {@code -Dbenchmark=true}; see docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ApiBenchmark {
  static final int SCHEDULES = Integer.getInteger("benchmark.schedules", 50_000);
  static final int PAGE = 100;
  static final int SAMPLES = 30;

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @Test
  void listAndCreate() {
    try (ApiServer api = ApiServer.start(db.dataSource())) {
      Org org = api.data.org("Bench");
      Org neighbour = api.data.org("Neighbour");
      seed(api, org, SCHEDULES);
      seed(api, neighbour, SCHEDULES);
      api.dsl.execute("analyze");
      String token = Tokens.valid(org.admin());

      // Walk every page once (warming up), keeping the cursors of the first and last pages.
      List<String> cursors = new ArrayList<>();
      String cursor = null;
      do {
        Response page =
            api.get(
                "/v1/report-schedules?limit=" + PAGE + (cursor == null ? "" : "&cursor=" + cursor),
                token);
        assertThat(page.status()).isEqualTo(200);
        cursors.add(cursor);
        cursor =
            page.json().get("next_cursor").isNull()
                ? null
                : page.json().get("next_cursor").asText();
      } while (cursor != null);
      assertThat(cursors).hasSize(SCHEDULES / PAGE);

      String first = cursors.get(1);
      String last = cursors.get(cursors.size() - 1);
      double firstMs =
          median(() -> api.get("/v1/report-schedules?limit=" + PAGE + "&cursor=" + first, token));
      double lastMs =
          median(() -> api.get("/v1/report-schedules?limit=" + PAGE + "&cursor=" + last, token));
      int deep = SCHEDULES - PAGE;
      double offsetFirstMs = median(() -> offsetPage(api, org, PAGE));
      double offsetDeepMs = median(() -> offsetPage(api, org, deep));

      List<Double> creates = new ArrayList<>();
      for (int i = 0; i < SAMPLES * 2; i++) {
        long t = System.nanoTime();
        Response r =
            api.post(
                "/v1/report-schedules",
                token,
                ScheduleBody.daily(org.link())
                    .with("scheduled_time", String.format("%02d:%02d", i % 24, i % 60))
                    .json());
        creates.add((System.nanoTime() - t) / 1e6);
        assertThat(r.status()).isEqualTo(201);
      }
      double createMs = median(creates.subList(SAMPLES, creates.size()));

      System.out.printf(
          Locale.ROOT,
          "%nAPI, %,d schedules in the organization (and %,d in another), pages of %d%n",
          SCHEDULES,
          SCHEDULES,
          PAGE);
      System.out.printf(
          Locale.ROOT,
          "  GET list, 2nd page (cursor)            %7.2f ms median of %d%n",
          firstMs,
          SAMPLES);
      System.out.printf(
          Locale.ROOT,
          "  GET list, last page (cursor)           %7.2f ms  %.2f x the 2nd page%n",
          lastMs,
          lastMs / firstMs);
      System.out.printf(
          Locale.ROOT,
          "  baseline: same query by OFFSET %-7d %7.2f ms (SQL only)%n",
          PAGE,
          offsetFirstMs);
      System.out.printf(
          Locale.ROOT,
          "  baseline: same query by OFFSET %-7d %7.2f ms  %.2f x OFFSET %d%n",
          deep,
          offsetDeepMs,
          offsetDeepMs / offsetFirstMs,
          PAGE);
      System.out.printf(
          Locale.ROOT,
          "  POST create (rows + trigger)           %7.2f ms median of %d%n%n",
          createMs,
          SAMPLES);
    }
  }

  private static void offsetPage(ApiServer api, Org org, int offset) {
    var s = SHARED_REPORT_SCHEDULES;
    int rows =
        api.dsl
            .selectFrom(s)
            .where(s.ORGANIZATION_ID.eq(org.id()).and(s.DELETED_AT.isNull()))
            .orderBy(s.CREATED_AT.desc(), s.ID.desc())
            .limit(PAGE + 1)
            .offset(offset)
            .fetch()
            .size();
    assertThat(rows).isPositive();
  }

  /** Schedules written straight into the table: the list reads rows only. */
  private static void seed(ApiServer api, Org org, int count) {
    OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(30);
    List<SharedReportSchedulesRecord> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(
          api.dsl
              .newRecord(SHARED_REPORT_SCHEDULES)
              .setId(UUID.randomUUID())
              .setOrganizationId(org.id())
              .setSharedLinkId(org.link())
              .setCronExpression("0 9 * * *")
              .setTimezone("UTC")
              .setSendEmail(true)
              .setCreatedAt(start.plusSeconds(i)));
      if (rows.size() == 5_000 || i == count - 1) {
        api.dsl.batchInsert(rows).execute();
        rows.clear();
      }
    }
  }

  private static double median(Runnable request) {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      long t = System.nanoTime();
      request.run();
      times.add((System.nanoTime() - t) / 1e6);
    }
    return median(times);
  }

  private static double median(List<Double> times) {
    double[] sorted = times.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
