package dev.reports.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.service.config.Mode;
import dev.reports.service.config.ServiceConfig;
import dev.reports.service.testing.TestData;
import dev.reports.test.PostgresDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate}, {@code check} and {@code token} on an empty PostgreSQL database, against the
 * fake Loops and Telegram: one walk through what an operator does before the first start.
 */
class OperatorCommandsTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef-ops";
  static final String WRONG_KEY = "wrong-loops-key-0000";
  static final String WRONG_TOKEN = "1234567:AAWrongTokenWrongToken";

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase(false);
  @TempDir Path dir;
  static final FakeLoopsServer loops = new FakeLoopsServer();
  static final FakeTelegramServer telegram = new FakeTelegramServer();

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterAll
  static void closeFakes() {
    loops.close();
    telegram.close();
  }

  Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("REPORTS_DB_URL", db.url());
    env.put("REPORTS_DB_USER", db.user());
    env.put("REPORTS_JWT_SECRET", SECRET);
    env.put("REPORTS_LOOPS_API_KEY", loops.apiKey());
    env.put("REPORTS_LOOPS_TRANSACTIONAL_ID", loops.transactionalId());
    env.put("REPORTS_LOOPS_BASE_URL", loops.baseUrl());
    env.put("REPORTS_TELEGRAM_BOT_TOKEN", telegram.token());
    env.put("REPORTS_TELEGRAM_BASE_URL", telegram.baseUrl());
    env.put("REPORTS_OUTBOX_DIR", dir.resolve("outbox").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  int run(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    return Main.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void migrateThenCheckThenAToken() throws Exception {
    // before migrate: check names the pending migrations, token cannot read users
    assertThat(run(env(), "check")).isEqualTo(1);
    assertThat(out().lines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("FAIL  schema")
                    .contains("migration(s) pending: V1 ")
                    .endsWith("(run `report-service migrate`)"));
    UUID nobody = UUID.randomUUID();
    assertThat(run(env(), "token", "--user", nobody.toString())).isEqualTo(70);
    assertThat(err()).contains("is the schema migrated? run `report-service migrate`");

    assertThat(run(env(), "migrate")).isZero();
    assertThat(out())
        .startsWith("PostgreSQL at ")
        .containsPattern("schema at version [0-9_.]+, [1-9][0-9]* migration\\(s\\) applied");
    assertThat(run(env(), "migrate")).isZero();
    assertThat(out()).contains(", 0 migration(s) applied");

    assertThat(run(env(), "check")).as(out()).isZero();
    assertThat(out().lines())
        .extracting(line -> line.substring(0, 20).strip())
        .containsExactly(
            "ok    configuration",
            "ok    database",
            "ok    schema",
            "ok    email",
            "ok    telegram");
    assertThat(out())
        .contains("every migration applied")
        .contains("Loops accepts the API key (team Reports team)")
        .contains("Telegram accepts the bot token (bot @reports_bot)");

    DSLContext dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    TestData data = new TestData(dsl);
    TestData.Org org = data.org("Acme");
    assertThat(run(env(), "token", "--user", org.admin().toString(), "--ttl", "2h")).isZero();
    String token = out().strip();
    assertThat(token.lines()).hasSize(1);
    DecodedJWT jwt = JWT.require(Algorithm.HMAC256(SECRET)).build().verify(token);
    assertThat(jwt.getSubject()).isEqualTo(org.admin().toString());
    assertThat(Duration.between(Instant.now(), jwt.getExpiresAtAsInstant()))
        .isBetween(Duration.ofMinutes(119), Duration.ofMinutes(121));
    assertThat(err()).isEmpty();
    // the API takes it
    try (Application node =
        Application.start(
            ServiceConfig.load(Mode.START, env("REPORTS_HTTP_PORT", "0")),
            new PrintStream(new ByteArrayOutputStream()))) {
      HttpResponse<String> list =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://localhost:" + node.httpPort() + "/v1/report-schedules"))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    }

    assertThat(run(env(), "token", "--user", nobody.toString())).isEqualTo(67);
    assertThat(err()).isEqualTo("report-service token: no user " + nobody + System.lineSeparator());
    UUID gone = data.deactivatedUser(org);
    assertThat(run(env(), "token", "--user", gone.toString())).isEqualTo(67);
    assertThat(err()).startsWith("report-service token: user " + gone + " is deactivated");
    assertThat(run(env("REPORTS_JWT_SECRET", ""), "token", "--user", gone.toString())).isEqualTo(2);
    assertThat(err()).startsWith("report-service: REPORTS_JWT_SECRET: required");
  }

  @Test
  void checkNamesAProviderThatRefusesItsCredentialsWithoutShowingThem() {
    int code =
        run(
            env(
                "REPORTS_LOOPS_API_KEY", WRONG_KEY,
                "REPORTS_TELEGRAM_BOT_TOKEN", WRONG_TOKEN),
            "check");
    assertThat(code).isEqualTo(1);
    assertThat(out().lines())
        .contains(
            "FAIL  email          Loops at "
                + loops.baseUrl()
                + " refuses REPORTS_LOOPS_API_KEY (401 Invalid API key)",
            "FAIL  telegram       the Telegram Bot API at "
                + telegram.baseUrl()
                + " refuses REPORTS_TELEGRAM_BOT_TOKEN (401 Unauthorized)");
    // two, or three while this class's database is not migrated yet
    assertThat(err()).matches("report-service check: [23] check\\(s\\) failed\\R");
    assertThat(out() + err())
        .doesNotContain(WRONG_KEY)
        .doesNotContain(WRONG_TOKEN)
        .doesNotContain("AAWrongToken")
        .doesNotContain(SECRET);
  }

  @Test
  void checkSkipsTheProviderOfAChannelInOutboxOrOffMode() {
    int code =
        run(
            env(
                "REPORTS_EMAIL_DELIVERY", "outbox",
                "REPORTS_TELEGRAM_DELIVERY", "off",
                "REPORTS_LOOPS_API_KEY", WRONG_KEY),
            "check");
    assertThat(out().lines())
        .anySatisfy(line -> assertThat(line).startsWith("ok    email          outbox "))
        .contains("ok    telegram       off (schedules may not use it)");
    assertThat(out()).doesNotContain("FAIL  email").doesNotContain("FAIL  telegram");
    // the schema may or may not be migrated yet in this class: only the channels are asserted
    assertThat(code).isIn(0, 1);
  }

  @Test
  void checkReportsAnUnreachableDatabaseAndAnUnreachableProvider() {
    int code =
        run(
            env(
                "REPORTS_DB_URL", "jdbc:postgresql://127.0.0.1:1/reports",
                "REPORTS_TELEGRAM_BASE_URL", "http://127.0.0.1:1"),
            "check");
    assertThat(code).isEqualTo(1);
    assertThat(out().lines())
        .contains(
            "FAIL  database       REPORTS_DB_URL: cannot reach PostgreSQL at 127.0.0.1:1"
                + " (connection refused)")
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "FAIL  telegram       cannot reach the Telegram Bot API at"
                            + " http://127.0.0.1:1 ("));
    assertThat(out()).doesNotContain(telegram.token());
  }

  @Test
  void checkWithABadConfigurationNamesEverySettingAndExits2() {
    assertThat(run(Map.of("REPORTS_EMAIL_DELIVERY", "smtp"), "check")).isEqualTo(2);
    assertThat(err().lines())
        .containsExactly(
            "report-service: REPORTS_DB_URL: required in start mode: the JDBC URL of PostgreSQL,"
                + " e.g. jdbc:postgresql://db.internal:5432/reports",
            "report-service: REPORTS_JWT_SECRET: required in start mode: the HS256 key that signs"
                + " API tokens, at least 32 bytes",
            "report-service: REPORTS_EMAIL_DELIVERY: must be provider, outbox or off, got 'smtp'",
            "report-service: REPORTS_TELEGRAM_BOT_TOKEN: required in start mode to deliver"
                + " Telegram; or set REPORTS_TELEGRAM_DELIVERY=outbox (write to"
                + " REPORTS_OUTBOX_DIR) or REPORTS_TELEGRAM_DELIVERY=off");
    assertThat(out()).isEmpty();
  }
}
