package dev.reports.service.api;

import static dev.reports.service.api.StrictInputApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.service.Database;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.config.DatabaseSettings;
import dev.reports.service.config.DatabaseVendor;
import dev.reports.service.config.Secret;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While the database is unreachable every API request is answered 503 problem+json with {@code
 * Retry-After} within about two seconds; once it is back, the API answers again by itself. The
 * service's own pool ({@link Database}) reaches the shared PostgreSQL through a TCP proxy the test
 * cuts, so the server itself keeps running for everyone else.
 */
class DatabaseOutageApiTest {
  /** "About two seconds": the pool's connection timeout plus the answer. */
  static final Duration WITHIN = Duration.ofMillis(2_500);

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static CuttableProxy proxy;
  static Database database;
  static ApiServer api;
  static Org org;
  static String token;
  static String schedule;

  @BeforeAll
  static void start() {
    proxy = new CuttableProxy("127.0.0.1", 5432);
    String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.name();
    database =
        Database.open(
            new DatabaseSettings(
                DatabaseVendor.POSTGRESQL,
                url,
                db.user(),
                Secret.of(""),
                "127.0.0.1:" + proxy.port(),
                db.name()));
    api = ApiServer.start(database);
    org = api.data.org("Outage");
    token = Tokens.valid(org.admin());
    Response r = api.post("/v1/report-schedules", token, ScheduleBody.daily(org.link()).json());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    schedule = r.json().get("id").asText();
  }

  @AfterAll
  static void stop() {
    proxy.restore();
    api.close();
    database.close();
    proxy.close();
  }

  @Test
  void everyRequestIs503WithRetryAfterWithinTwoSecondsAndTheApiRecoversByItself() {
    proxy.cut();
    try {
      List<Supplier<Response>> requests =
          List.of(
              () -> api.get("/v1/report-schedules", token),
              () -> api.get("/v1/report-schedules/" + schedule, token),
              () -> api.post("/v1/report-schedules", token, ScheduleBody.daily(org.link()).json()),
              () -> api.patch("/v1/report-schedules/" + schedule, token, "{\"enabled\":false}"),
              () -> api.post("/v1/report-schedules/" + schedule + "/run", token, null),
              () -> api.get("/v1/report-schedules/" + schedule + "/upcoming", token),
              () -> api.get("/v1/report-schedules/" + schedule + "/notifications", token),
              () -> api.delete("/v1/report-schedules/" + schedule, token));
      // twice: the first requests find pooled connections that were cut, the later ones none
      for (int round = 0; round < 2; round++) {
        for (Supplier<Response> request : requests) {
          long started = System.nanoTime();
          Response r = request.get();
          Duration took = Duration.ofNanos(System.nanoTime() - started);

          assertProblem(r, 503);
          assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
          assertThat(took).as(r.toString()).isLessThan(WITHIN);
        }
      }
    } finally {
      proxy.restore();
    }

    Response back = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      back = api.get("/v1/report-schedules/" + schedule, token);
      if (back.status() == 200) {
        break;
      }
      assertProblem(back, 503);
    }
    assertThat(back.status()).as(String.valueOf(back)).isEqualTo(200);
    assertThat(back.json().get("enabled").asBoolean()).as("nothing changed meanwhile").isTrue();
    Response created =
        api.post("/v1/report-schedules", token, ScheduleBody.daily(org.link()).json());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
  }
}
