package dev.reports.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * No body a client can send makes create or patch fail with a 5xx: whatever jqwik generates —
 * near-valid schedules with one field twisted, values of every JSON type under every field name,
 * arbitrary text — the answer is a success or a 4xx problem.
 */
class CreateAndPatchFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS =
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

  static PostgresDatabase db;
  static ApiServer api;
  static Org org;
  static Org other;
  static String token;
  static String schedule;

  @BeforeContainer
  static void start() throws Exception {
    // jqwik runs outside JUnit Jupiter, so the extension is driven by hand.
    ExtensionContext context = mock(ExtensionContext.class);
    when(context.getRequiredTestClass()).thenAnswer(i -> CreateAndPatchFuzzTest.class);
    db = new PostgresDatabase();
    db.beforeAll(context);
    api = ApiServer.start(db.dataSource());
    org = api.data.org("Fuzz");
    other = api.data.org("Other");
    api.data.connectTelegramChats(org, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5);
    token = Tokens.valid(org.admin());
    Response r = api.post("/v1/report-schedules", token, ScheduleBody.daily(org.link()).json());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    schedule = r.json().get("id").asText();
  }

  @AfterContainer
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
    ExtensionContext context = mock(ExtensionContext.class);
    db.afterAll(context);
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void createNeverFailsOnTheServer(@ForAll("bodies") String body) {
    Response r = api.post("/v1/report-schedules", token, body);
    Statistics.collect(r.status());
    assertThat(r.status()).as(body + " -> " + r).isIn(201, 400, 413, 422);
    assertWellFormed(r, body);
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void patchNeverFailsOnTheServer(@ForAll("bodies") String body) {
    Response r = api.patch("/v1/report-schedules/" + schedule, token, body);
    Statistics.collect(r.status());
    assertThat(r.status()).as(body + " -> " + r).isIn(200, 400, 413, 422);
    assertWellFormed(r, body);
  }

  private static void assertWellFormed(Response r, String body) {
    if (r.status() >= 400) {
      assertThat(r.contentType()).as(body).startsWith("application/problem+json");
      assertThat(r.json().get("status").asInt()).isEqualTo(r.status());
    } else {
      assertThat(r.json().get("id").asText()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> bodies() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, twistedSchedules().map(CreateAndPatchFuzzTest::write)),
        Tuple.of(2, objects(2).map(CreateAndPatchFuzzTest::write)),
        Tuple.of(1, json(2).map(CreateAndPatchFuzzTest::write)),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(200)),
        Tuple.of(
            1,
            twistedSchedules()
                .map(CreateAndPatchFuzzTest::write)
                .flatMap(CreateAndPatchFuzzTest::mangled)));
  }

  /** A valid schedule with some fields replaced by other values or removed. */
  private Arbitrary<Map<String, Object>> twistedSchedules() {
    Arbitrary<Map<String, Object>> changes =
        Arbitraries.of(FIELDS)
            .set()
            .ofMaxSize(3)
            .flatMap(
                fields -> {
                  List<String> names = new ArrayList<>(fields);
                  List<Arbitrary<Object>> values = names.stream().map(this::valueFor).toList();
                  return Combinators.combine(values)
                      .as(
                          chosen -> {
                            Map<String, Object> change = new LinkedHashMap<>();
                            for (int i = 0; i < names.size(); i++) {
                              change.put(names.get(i), chosen.get(i));
                            }
                            return change;
                          });
                });
    return changes.map(
        change -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("shared_link_id", org.link().toString());
          body.put("cadence", "daily");
          body.put("scheduled_time", "07:30");
          body.put("timezone", "Europe/Moscow");
          body.put("send_telegram", true);
          change.forEach(
              (field, value) -> {
                if (value == REMOVE) {
                  body.remove(field);
                } else {
                  body.put(field, value);
                }
              });
          return body;
        });
  }

  private static final Object REMOVE = new Object();

  /** Mostly a value of the field's type, valid or nearly so; sometimes anything at all. */
  private Arbitrary<Object> valueFor(String field) {
    Arbitrary<Object> typed =
        switch (field) {
          case "shared_link_id" ->
              strings(
                  org.link().toString(),
                  other.link().toString(),
                  org.admin().toString(),
                  "x",
                  "",
                  "00000000-0000-0000-0000-000000000000",
                  "1-2-3-4-5");
          case "cadence" -> strings("daily", "weekly", "monthly", "hourly", "Daily", "");
          case "scheduled_time" ->
              Arbitraries.oneOf(
                  strings("00:00", "23:59", "24:00", "7:30", "07:30:00", "-1:00", "", "\u0000"),
                  Arbitraries.strings()
                      .withChars("0123456789:")
                      .ofMaxLength(6)
                      .map(x -> (Object) x));
          case "day_of_week" -> strings("monday", "sunday", "Monday", "mon", "", "funday");
          case "day_of_month" ->
              Arbitraries.oneOf(
                  Arbitraries.integers().between(-3, 32).map(i -> (Object) i),
                  strings("last", "LAST", "first", ""));
          case "cron_expression" ->
              Arbitraries.oneOf(
                  strings(
                      "0 8 * * *",
                      "*/5 * * * *",
                      "0 0 29 2 *",
                      "0 0 31 4 *",
                      "59 23 L * *",
                      "0 8 * * MON-FRI",
                      "0 8 ? * *",
                      "0 0 1 1 * 2030",
                      "@daily",
                      "0 25 * * *",
                      "-1 8 * * *",
                      "0 8 * * 8",
                      "\u0000 8 * * *",
                      "0 8 * * 7",
                      ""),
                  Arbitraries.strings()
                      .withChars("0123456789*/-,? LW#")
                      .ofMaxLength(20)
                      .map(x -> (Object) x));
          case "timezone" ->
              strings(
                  "UTC",
                  "Europe/Moscow",
                  "America/St_Johns",
                  "Asia/Kathmandu",
                  "+03:00",
                  "Mars/Base",
                  "",
                  "GMT",
                  "EST",
                  "Etc/GMT+12");
          case "send_email", "send_telegram", "enabled" ->
              Arbitraries.of(true, false).map(b -> (Object) b);
          case "recipients" -> recipients();
          case "skip_if_empty" -> Arbitraries.of(true, false).map(b -> (Object) b);
          case "name" ->
              Arbitraries.oneOf(
                  strings("Weekly digest", "", "  ", "a\nb", "\u0000", "📈".repeat(101)),
                  Arbitraries.strings().ofMaxLength(250).map(x -> (Object) x));
          case "csv" ->
              Combinators.combine(
                      Arbitraries.of(",", ";", "\t", "|", "", ",,"),
                      Arbitraries.of(true, false),
                      Arbitraries.of(0, 1, 2))
                  .as(
                      (delimiter, bom, shape) ->
                          (Object)
                              switch (shape) {
                                case 0 -> Map.of("delimiter", delimiter, "bom", bom);
                                case 1 -> Map.of("delimiter", delimiter);
                                default -> Map.of("bom", bom);
                              });
          default -> throw new IllegalArgumentException(field);
        };
    return Arbitraries.frequencyOf(
        Tuple.of(10, typed), Tuple.of(1, json(2)), Tuple.of(2, Arbitraries.just(REMOVE)));
  }

  private static Arbitrary<Object> strings(String... values) {
    return Arbitraries.of(values).map(x -> (Object) x);
  }

  private Arbitrary<Object> recipients() {
    Arbitrary<Object> recipient =
        Combinators.combine(
                Arbitraries.of("email", "telegram", "sms", ""),
                Arbitraries.of(org.admin().toString(), other.admin().toString(), "x", ""),
                Arbitraries.longs().between(-5, 5),
                Arbitraries.of(0, 1, 2, 3))
            .as(
                (channel, user, chat, shape) -> {
                  Map<String, Object> r = new LinkedHashMap<>();
                  r.put("channel", channel);
                  if (shape != 1) {
                    r.put("user_id", user);
                  }
                  if (shape != 0) {
                    r.put("telegram_chat_id", chat);
                  }
                  if (shape == 3) {
                    r.remove("channel");
                  }
                  return (Object) r;
                });
    return recipient.list().ofMaxSize(4).map(l -> (Object) l);
  }

  private Arbitrary<Map<String, Object>> objects(int depth) {
    Arbitrary<String> keys =
        Arbitraries.oneOf(Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(12));
    return Arbitraries.maps(keys, json(depth - 1)).ofMaxSize(6).map(m -> (Map<String, Object>) m);
  }

  /** Any JSON value, nested up to {@code depth}. */
  private Arbitrary<Object> json(int depth) {
    List<Arbitrary<Object>> values = new ArrayList<>();
    values.add(Arbitraries.just(null));
    values.add(Arbitraries.of(true, false).map(b -> (Object) b));
    values.add(Arbitraries.integers().map(i -> (Object) i));
    values.add(
        Arbitraries.bigIntegers()
            .between(
                new java.math.BigInteger("-1" + "0".repeat(30)),
                new java.math.BigInteger("1" + "0".repeat(30)))
            .map(i -> (Object) i));
    values.add(Arbitraries.doubles().map(d -> (Object) d));
    values.add(Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s));
    if (depth > 0) {
      values.add(json(depth - 1).list().ofMaxSize(4).map(l -> (Object) l));
      values.add(
          Arbitraries.maps(
                  Arbitraries.oneOf(
                      Arbitraries.of("channel", "user_id", "telegram_chat_id"),
                      Arbitraries.strings().ofMaxLength(8)),
                  json(depth - 1))
              .ofMaxSize(4)
              .map(m -> (Object) m));
    }
    return Arbitraries.oneOf(values);
  }

  /** The text cut short, or with a character dropped, doubled or swapped. */
  private static Arbitrary<String> mangled(String text) {
    if (text.isEmpty()) {
      return Arbitraries.just(text);
    }
    Arbitrary<Integer> at = Arbitraries.integers().between(0, text.length() - 1);
    return Arbitraries.oneOf(
        at.map(i -> text.substring(0, i)),
        at.map(i -> text.substring(0, i) + text.substring(i + 1)),
        at.map(i -> text.substring(0, i) + text.charAt(i) + text.substring(i)),
        Combinators.combine(at, Arbitraries.chars())
            .as((i, c) -> text.substring(0, i) + c + text.substring(i + 1)));
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
