package dev.reports.service.api;

import static dev.reports.service.api.StrictInputApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A method a path does not take is 405 problem+json with {@code Allow}; an unknown path is 404. */
class MethodNotAllowedApiTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static ApiServer api;
  static Org org;
  static String token;
  static String schedule;

  @BeforeAll
  static void start() {
    api = ApiServer.start(db.dataSource());
    org = api.data.org("Methods");
    token = Tokens.valid(org.admin());
    schedule =
        api.post("/v1/report-schedules", token, ScheduleBody.daily(org.link()).json())
            .json()
            .get("id")
            .asText();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "PUT|/v1/report-schedules|GET,POST",
        "DELETE|/v1/report-schedules|GET,POST",
        "PATCH|/v1/report-schedules|GET,POST",
        "PUT|/v1/report-schedules/{id}|DELETE,GET,PATCH",
        "POST|/v1/report-schedules/{id}|DELETE,GET,PATCH",
        "GET|/v1/report-schedules/{id}/run|POST",
        "DELETE|/v1/report-schedules/{id}/run|POST",
        "POST|/v1/report-schedules/{id}/upcoming|GET",
        "PATCH|/v1/report-schedules/{id}/notifications|GET",
        "POST|/health/live|GET",
        "DELETE|/openapi.json|GET",
        "POST|/metrics|GET"
      })
  void aMethodThePathDoesNotTakeIs405WithAllow(String method, String path, String allowed) {
    Response r = api.send(method, path.replace("{id}", schedule), token, "{}");

    assertProblem(r, 405);
    assertThat(methods(r.headers().firstValue("Allow").orElse("")))
        .containsAll(Set.of(allowed.split(",")));
    assertThat(r.json().get("detail").asText()).contains(method);
  }

  @Test
  void aMethodNotAllowedChangesNothing() {
    Response r = api.send("PUT", "/v1/report-schedules/" + schedule, token, "{\"enabled\":false}");
    assertProblem(r, 405);
    assertThat(api.get("/v1/report-schedules/" + schedule, token).json().get("enabled").asBoolean())
        .isTrue();
  }

  @Test
  void anUnknownPathIsStill404() {
    assertProblem(api.send("GET", "/v1/nothing-here", token, null), 404);
    assertProblem(api.send("PUT", "/v1/nothing-here", token, "{}"), 404);
  }

  private static Set<String> methods(String allow) {
    return Arrays.stream(allow.split(","))
        .map(String::trim)
        .filter(m -> !m.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
