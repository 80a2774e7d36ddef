package dev.reports.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.service.testing.TestData;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator commands of the packaged jar, as an operator runs them: exit codes, what goes to
 * stdout (the answer only) and stderr, and never a secret but the token asked for.
 */
class OperatorCommandsIT {
  static final Duration EXIT = Duration.ofSeconds(90);
  static final String JWT_SECRET = "0123456789abcdef0123456789abcdef-it";

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase(false);
  static final FakeLoopsServer loops = new FakeLoopsServer();
  static final FakeTelegramServer telegram = new FakeTelegramServer();
  @TempDir Path dir;

  @AfterAll
  static void closeFakes() {
    loops.close();
    telegram.close();
  }

  static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("REPORTS_DB_URL", db.url());
    env.put("REPORTS_DB_USER", db.user());
    env.put("REPORTS_JWT_SECRET", JWT_SECRET);
    env.put("REPORTS_LOOPS_API_KEY", loops.apiKey());
    env.put("REPORTS_LOOPS_TRANSACTIONAL_ID", loops.transactionalId());
    env.put("REPORTS_LOOPS_BASE_URL", loops.baseUrl());
    env.put("REPORTS_TELEGRAM_BOT_TOKEN", telegram.token());
    env.put("REPORTS_TELEGRAM_BASE_URL", telegram.baseUrl());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  record Exit(int code, String out, String err) {}

  Exit run(Map<String, String> env, String... args) throws Exception {
    try (ServiceProcess process = ServiceProcess.launch(dir, env, args)) {
      int code = process.awaitExit(EXIT);
      return new Exit(code, process.out(), process.err());
    }
  }

  @Test
  void migrateCheckAndTokenThroughTheJar() throws Exception {
    Exit pending = run(env(), "check");
    assertThat(pending.code()).as(pending.toString()).isEqualTo(1);
    assertThat(pending.out()).contains("FAIL  schema").contains("(run `report-service migrate`)");
    assertThat(pending.err()).contains("report-service check: 1 check(s) failed");

    Exit migrated = run(env(), "migrate");
    assertThat(migrated.code()).as(migrated.toString()).isZero();
    assertThat(migrated.out().lines())
        .singleElement()
        .asString()
        .matches(
            "PostgreSQL at .+: schema at version [0-9_.]+, [1-9][0-9]* migration\\(s\\) applied;"
                + " engine tables at version [0-9]+, [1-9][0-9]* migration\\(s\\) applied");

    Exit checked = run(env(), "check");
    assertThat(checked.code()).as(checked.toString()).isZero();
    assertThat(checked.out().lines()).hasSize(5).allSatisfy(l -> assertThat(l).startsWith("ok "));

    TestData.Org org = new TestData(DSL.using(db.dataSource(), SQLDialect.POSTGRES)).org("Acme");
    Exit token = run(env(), "token", "--user", org.admin().toString());
    assertThat(token.code()).as(token.toString()).isZero();
    // stdout is the token alone: logs go to stderr, so $(report-service token …) works
    assertThat(token.out().lines()).hasSize(1);
    assertThat(
            JWT.require(Algorithm.HMAC256(JWT_SECRET))
                .build()
                .verify(token.out().strip())
                .getSubject())
        .isEqualTo(org.admin().toString());

    Exit unknown = run(env(), "token", "--user", UUID.randomUUID().toString());
    assertThat(unknown.code()).isEqualTo(67);
    assertThat(unknown.out()).isEmpty();
    assertThat(unknown.err()).contains("report-service token: no user ");

    Exit badTtl = run(env(), "token", "--user", org.admin().toString(), "--ttl", "0d");
    assertThat(badTtl.code()).isEqualTo(64);
    assertThat(badTtl.out()).isEmpty();

    for (Exit any : new Exit[] {pending, migrated, checked, token, unknown, badTtl}) {
      assertThat(any.out() + any.err())
          .doesNotContain(JWT_SECRET)
          .doesNotContain(loops.apiKey())
          .doesNotContain(telegram.token());
    }
  }

  @Test
  void checkExitsNonZeroNamingARefusedKey() throws Exception {
    Exit refused = run(env("REPORTS_LOOPS_API_KEY", "not-the-key-123456"), "check");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.out())
        .contains(
            "FAIL  email          Loops at " + loops.baseUrl() + " refuses REPORTS_LOOPS_API_KEY")
        .doesNotContain("not-the-key-123456");
  }

  @Test
  void everyCommandHasHelpAndAnUnknownOneIsAUsageError() throws Exception {
    for (String command : new String[] {"dev", "start", "migrate", "token", "check"}) {
      Exit help = run(Map.of(), command, "--help");
      assertThat(help.code()).as(command).isZero();
      assertThat(help.out()).startsWith("usage: report-service " + command);
    }
    Exit unknown = run(Map.of(), "tokens");
    assertThat(unknown.code()).isEqualTo(64);
    assertThat(unknown.err())
        .isEqualTo(
            "report-service: unknown command 'tokens' (use dev, start, migrate, token or check)\n");
  }
}
