package dev.reports.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.service.Database;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.config.DatabaseSettings;
import dev.reports.service.config.DatabaseVendor;
import dev.reports.service.config.Secret;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Throughput of mixed API traffic on the service's own pool as the API sees it ({@link
 * Database#apiDataSource()}, 1.5 s wait for a connection): 32 clients × 60 requests each — create,
 * read, list, patch, upcoming — every answer must be a success. Run with {@code -Dbenchmark=true}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class MixedLoadBenchmark {
  static final int CLIENTS = 32;
  static final int REQUESTS = 60;

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @Test
  void mixedRequestsFrom32ClientsAllSucceed() throws Exception {
    try (Database database =
            Database.open(
                new DatabaseSettings(
                    DatabaseVendor.POSTGRESQL,
                    db.url(),
                    db.user(),
                    Secret.of(""),
                    "127.0.0.1:5432",
                    db.name()));
        ApiServer api = ApiServer.start(database)) {
      Org org = api.data.org("Load");
      String token = Tokens.valid(org.admin());
      AtomicInteger errors = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      long started = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        done.add(
            clients.submit(
                () -> {
                  String id = null;
                  for (int i = 0; i < REQUESTS; i++) {
                    Response r =
                        switch (id == null ? 0 : i % 5) {
                          case 0 ->
                              api.post(
                                  "/v1/report-schedules",
                                  token,
                                  ScheduleBody.daily(org.link()).json());
                          case 1 -> api.get("/v1/report-schedules/" + id, token);
                          case 2 -> api.get("/v1/report-schedules?limit=20", token);
                          case 3 ->
                              api.patch(
                                  "/v1/report-schedules/" + id,
                                  token,
                                  "{\"enabled\": " + (i % 2 == 0) + "}");
                          default -> api.get("/v1/report-schedules/" + id + "/upcoming", token);
                        };
                    if (r.status() >= 300) {
                      errors.incrementAndGet();
                    } else if (id == null) {
                      id = r.json().get("id").asText();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      clients.shutdown();
      System.out.printf(
          "mixed load: %d clients x %d requests in %.2f s = %.0f req/s, %d errors%n",
          CLIENTS, REQUESTS, seconds, CLIENTS * REQUESTS / seconds, errors.get());
      assertThat(errors.get()).isZero();
    }
  }
}
