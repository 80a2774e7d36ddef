package dev.reports.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.schedule.ScheduleFields;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hostile requests to every endpoint — numbers past every range, long text, control and non-BMP
 * characters, values of the wrong JSON type, garbage ids, cursors and query parameters — are each
 * answered with a 4xx problem+json, never a 5xx, and leave the database as it was.
 *
 * <p>The endpoints are a table ({@link #ENDPOINTS}): a new one is one line, naming its method, path
 * and which query parameters and body it takes.
 */
class HostileInputPropertyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a query parameter holds; each kind has its hostile values. */
  enum Param {
    COUNT,
    CURSOR,
    UUID
  }

  /** What body an endpoint reads. */
  enum Body {
    NONE,
    CREATE,
    PATCH
  }

  /** One endpoint: {@code {id}} in the path stands for a schedule id. */
  record Endpoint(String method, String path, Map<String, Param> query, Body body) {
    boolean hasId() {
      return path.contains("{id}");
    }
  }

  static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("POST", "/v1/report-schedules", Map.of(), Body.CREATE),
          new Endpoint(
              "GET",
              "/v1/report-schedules",
              Map.of("shared_link_id", Param.UUID, "limit", Param.COUNT, "cursor", Param.CURSOR),
              Body.NONE),
          new Endpoint("GET", "/v1/report-schedules/{id}", Map.of(), Body.NONE),
          new Endpoint("PATCH", "/v1/report-schedules/{id}", Map.of(), Body.PATCH),
          new Endpoint("DELETE", "/v1/report-schedules/{id}", Map.of(), Body.NONE),
          new Endpoint("POST", "/v1/report-schedules/{id}/run", Map.of(), Body.NONE),
          new Endpoint(
              "GET", "/v1/report-schedules/{id}/upcoming", Map.of("count", Param.COUNT), Body.NONE),
          new Endpoint(
              "GET",
              "/v1/report-schedules/{id}/notifications",
              Map.of("limit", Param.COUNT, "cursor", Param.CURSOR),
              Body.NONE),
          new Endpoint(
              "GET",
              "/v1/report-schedules/{id}/runs",
              Map.of("limit", Param.COUNT, "cursor", Param.CURSOR),
              Body.NONE),
          // {id} is a schedule's id here: to this path, a run that does not exist
          new Endpoint("GET", "/v1/report-runs/{id}", Map.of(), Body.NONE));

  private static final List<String> WRITABLE =
      List.of(
          "shared_link_id",
          "cadence",
          "scheduled_time",
          "day_of_week",
          "day_of_month",
          "cron_expression",
          "timezone",
          "send_email",
          "send_telegram",
          "enabled",
          "recipients",
          "name",
          "skip_if_empty",
          "csv");
  private static final List<String> READ_ONLY = ScheduleFields.READ_ONLY;

  static PostgresDatabase db;
  static ApiServer api;
  static Org org;
  static String token;
  static String schedule;
  static UUID othersSchedule;

  @BeforeContainer
  static void start() throws Exception {
    // jqwik runs outside JUnit Jupiter, so the extension is driven by hand.
    ExtensionContext context = mock(ExtensionContext.class);
    when(context.getRequiredTestClass()).thenAnswer(i -> HostileInputPropertyTest.class);
    db = new PostgresDatabase();
    db.beforeAll(context);
    api = ApiServer.start(db.dataSource());
    org = api.data.org("Hostile");
    Org other = api.data.org("Bystander");
    token = Tokens.valid(org.admin());
    schedule = created(token, org);
    othersSchedule = UUID.fromString(created(Tokens.valid(other.admin()), other));
  }

  private static String created(String token, Org org) {
    Response r = api.post("/v1/report-schedules", token, ScheduleBody.daily(org.link()).json());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  @AfterContainer
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
    db.afterAll(mock(ExtensionContext.class));
  }

  /** A request as generated: what it is, for the report, and how to send it. */
  record Attempt(String method, String pathAndQuery, String body) {
    @Override
    public String toString() {
      String shown =
          body == null ? "" : " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
      return method
          + " "
          + (pathAndQuery.length() > 300 ? pathAndQuery.substring(0, 300) + "…" : pathAndQuery)
          + shown;
    }
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.MIXIN)
  void everyEndpointRefusesHostileInputWith4xxAndChangesNothing(
      @ForAll("requests") Attempt request) {
    String before = fingerprint();
    Response r = send(request, token);
    Statistics.collect(request.method() + " " + r.status());
    assertRefused(request, r);
    assertThat(fingerprint()).as("database after " + request).isEqualTo(before);
  }

  @Property(tries = 80, edgeCases = EdgeCasesMode.MIXIN)
  void patchRefusesHostileFieldsWith4xxAndChangesNothing(@ForAll("patches") String body) {
    String before = fingerprint();
    Attempt request = new Attempt("PATCH", "/v1/report-schedules/" + schedule, body);
    Response r = send(request, token);
    Statistics.collect(r.status());
    assertRefused(request, r);
    assertThat(fingerprint()).as("database after " + request).isEqualTo(before);
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.MIXIN)
  void createRefusesHostileFieldsWith4xxAndChangesNothing(@ForAll("creates") String body) {
    String before = fingerprint();
    Attempt request = new Attempt("POST", "/v1/report-schedules", body);
    Response r = send(request, token);
    Statistics.collect(r.status());
    assertRefused(request, r);
    assertThat(fingerprint()).as("database after " + request).isEqualTo(before);
  }

  @Property(tries = 60, edgeCases = EdgeCasesMode.MIXIN)
  void aGarbageTokenIs401OnEveryEndpoint(
      @ForAll("endpoints") Endpoint endpoint, @ForAll("garbageTokens") String garbage) {
    Attempt request =
        new Attempt(
            endpoint.method(),
            endpoint.path().replace("{id}", schedule),
            endpoint.body() == Body.NONE ? null : "{}");
    Response r = send(request, garbage);
    assertThat(r.status()).as(request + " -> " + r).isEqualTo(401);
    assertRefused(request, r);
  }

  private static void assertRefused(Attempt request, Response r) {
    assertThat(r.status()).as(request + " -> " + r).isBetween(400, 499);
    assertThat(r.contentType()).as(request + " -> " + r).startsWith("application/problem+json");
    assertThat(r.json().get("status").asInt()).isEqualTo(r.status());
  }

  @Provide
  Arbitrary<Endpoint> endpoints() {
    return Arbitraries.of(ENDPOINTS);
  }

  @Provide
  Arbitrary<String> garbageTokens() {
    return Arbitraries.oneOf(
        Hostile.texts().map(t -> t.replaceAll("[^\\x21-\\x7e]", "x")).filter(t -> !t.isEmpty()),
        Arbitraries.strings()
            .withCharRange('A', 'z')
            .ofMinLength(1)
            .ofMaxLength(40)
            .list()
            .ofMinSize(3)
            .ofMaxSize(3)
            .map(l -> String.join(".", l)));
  }

  /**
   * A request to one endpoint with at least one hostile part — its path id, a query parameter or
   * its body — and the other parts valid.
   */
  @Provide
  Arbitrary<Attempt> requests() {
    return Arbitraries.of(ENDPOINTS).flatMap(this::hostileRequest);
  }

  private Arbitrary<Attempt> hostileRequest(Endpoint endpoint) {
    List<String> parts = new ArrayList<>();
    if (endpoint.hasId()) {
      parts.add("id");
    }
    parts.addAll(endpoint.query().keySet());
    if (endpoint.body() != Body.NONE) {
      parts.add("body");
    }
    Arbitrary<Set<String>> hostileParts = Arbitraries.of(parts).set().ofMinSize(1);
    return hostileParts.flatMap(
        chosen -> {
          Arbitrary<String> id =
              chosen.contains("id") ? Hostile.ids(othersSchedule) : Arbitraries.just(schedule);
          List<String> names = new ArrayList<>(endpoint.query().keySet());
          names.retainAll(chosen);
          List<Arbitrary<String>> values =
              names.stream().map(n -> paramValue(endpoint.query().get(n))).toList();
          Arbitrary<List<String>> query =
              values.isEmpty()
                  ? Arbitraries.just(List.of())
                  : Combinators.combine(values).as(l -> l);
          Arbitrary<String> body =
              switch (endpoint.body()) {
                case NONE -> Arbitraries.just((String) null);
                case CREATE -> creates();
                case PATCH ->
                    chosen.contains("body") ? patches() : Arbitraries.just("{\"enabled\":false}");
              };
          return Combinators.combine(id, query, body)
              .as(
                  (i, q, b) -> {
                    String path = endpoint.path().replace("{id}", i);
                    List<String> pairs = new ArrayList<>();
                    for (int k = 0; k < names.size(); k++) {
                      pairs.add(names.get(k) + "=" + Hostile.encode(q.get(k)));
                    }
                    String pathAndQuery =
                        pairs.isEmpty() ? path : path + "?" + String.join("&", pairs);
                    return new Attempt(endpoint.method(), pathAndQuery, b);
                  });
        });
  }

  private static Arbitrary<String> paramValue(Param kind) {
    return switch (kind) {
      case COUNT -> Hostile.counts();
      case CURSOR -> Hostile.cursors();
      case UUID -> Hostile.notUuids();
    };
  }

  /** A valid schedule with one to three fields given hostile values. */
  @Provide
  Arbitrary<String> creates() {
    return hostileFields(WRITABLE)
        .map(
            change -> {
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("shared_link_id", org.link().toString());
              body.put("cadence", "daily");
              body.put("scheduled_time", "07:30");
              body.put("timezone", "Europe/Moscow");
              body.put("send_telegram", true);
              body.putAll(change);
              return write(body);
            })
        .injectDuplicates(0.0);
  }

  /** One to three writable, read-only or unknown fields with hostile values, or a raw body. */
  @Provide
  Arbitrary<String> patches() {
    List<String> fields = new ArrayList<>(WRITABLE);
    fields.addAll(READ_ONLY);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, hostileFields(fields).map(HostileInputPropertyTest::write)),
        net.jqwik.api.Tuple.of(
            1,
            Combinators.combine(Hostile.texts(), Hostile.anyValue(true))
                .as((k, v) -> write(Map.of(k, v)))),
        net.jqwik.api.Tuple.of(1, rawBodies()));
  }

  private static Arbitrary<Map<String, Object>> hostileFields(List<String> fields) {
    return Arbitraries.of(fields)
        .set()
        .ofMinSize(1)
        .ofMaxSize(3)
        .flatMap(
            chosen -> {
              List<String> names = new ArrayList<>(chosen);
              List<Arbitrary<Object>> values = names.stream().map(Hostile::valueFor).toList();
              return Combinators.combine(values)
                  .as(
                      v -> {
                        Map<String, Object> change = new LinkedHashMap<>();
                        for (int i = 0; i < names.size(); i++) {
                          change.put(names.get(i), v.get(i));
                        }
                        return change;
                      });
            });
  }

  /** Bodies that are not a JSON object a parser should take whole. */
  private static Arbitrary<String> rawBodies() {
    return Arbitraries.of(
        "[".repeat(5_000) + "]".repeat(5_000),
        "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000),
        "{\"day_of_month\": 1" + "0".repeat(5_000) + "}",
        "{\"day_of_month\": 1e" + "9".repeat(1_000) + "}",
        "{\"timezone\": \"" + "x".repeat(70_000) + "\"}",
        "{\"cron_expression\": \"" + "0,".repeat(20_000) + "0 8 * * *\"}",
        "{\"enabled\": tru",
        "\u0000",
        "{\"name\": \"\\ud800\"}",
        "{\"timezone\": \"\\u0000\"}");
  }

  private Response send(Attempt request, String bearer) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(api.uri("/") + request.pathAndQuery().substring(1)))
            .timeout(Duration.ofSeconds(20))
            .method(
                request.method(),
                request.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(request.body()))
            .header("Authorization", "Bearer " + bearer);
    if (request.body() != null) {
      builder.header("Content-Type", "application/json");
    }
    return api.send(builder.build());
  }

  /** Row counts of every report table and the Quartz triggers, and the schedules' contents. */
  private static String fingerprint() {
    List<String> tables =
        api.dsl
            .fetch(
                "select table_name from information_schema.tables"
                    + " where table_schema = current_schema()"
                    + " and (table_name like 'shared_report%' or table_name = 'qrtz_triggers')"
                    + " order by table_name")
            .getValues(0, String.class);
    String counts =
        tables.stream()
            .map(t -> t + "=" + api.dsl.fetchCount(DSL.table(DSL.name(t))))
            .collect(Collectors.joining(","));
    Object schedules =
        api.dsl.fetchValue(
            "select md5(coalesce(string_agg(s::text, ',' order by s.id), ''))"
                + " from shared_report_schedules s");
    Object recipients =
        api.dsl.fetchValue(
            "select md5(coalesce(string_agg(r::text, ',' order by r::text), ''))"
                + " from shared_report_schedule_recipients r");
    return counts + " schedules=" + schedules + " recipients=" + recipients;
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
