package dev.reports.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reports.engine.ReportEngine;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigTest {
  static final String JWT = "a-secret-of-at-least-thirty-two-bytes!!";
  static final String PASSWORD = "hunter2-but-longer";

  @TempDir Path dir;

  Map<String, String> start(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("REPORTS_DB_URL", "jdbc:postgresql://db.internal:5433/reports");
    env.put("REPORTS_DB_USER", "reports");
    env.put("REPORTS_DB_PASSWORD", PASSWORD);
    env.put("REPORTS_JWT_SECRET", JWT);
    env.put("REPORTS_OUTBOX_DIR", dir.resolve("outbox").toString());
    env.put("REPORTS_EMAIL_DELIVERY", "outbox");
    env.put("REPORTS_TELEGRAM_DELIVERY", "outbox");
    put(env, pairs);
    return env;
  }

  Map<String, String> dev(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("REPORTS_DATA_DIR", dir.resolve("data").toString());
    put(env, pairs);
    return env;
  }

  static void put(Map<String, String> env, String... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        env.remove(pairs[i]);
      } else {
        env.put(pairs[i], pairs[i + 1]);
      }
    }
  }

  static ConfigException rejected(Mode mode, Map<String, String> env) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ServiceConfig.load(mode, env));
    assertThat(e).as("expected the configuration to be rejected").isNotNull();
    // one line per problem, each naming its variable
    assertThat(e.getMessage().lines())
        .hasSize(e.problems().size())
        .allSatisfy(line -> assertThat(line).startsWith("REPORTS_"));
    for (String secret : new String[] {PASSWORD, JWT}) {
      assertThat(e.getMessage()).doesNotContain(secret);
    }
    return e;
  }

  @Test
  void startNeedsADatabaseUrlAJwtSecretAndEachChannelsCredentialsAndNamesThemAllAtOnce() {
    ConfigException e = rejected(Mode.START, Map.of("REPORTS_OUTBOX_DIR", dir.toString()));
    assertThat(e.problems())
        .extracting(ConfigException.Problem::setting)
        .containsExactly(
            Setting.DB_URL, Setting.JWT_SECRET, Setting.LOOPS_API_KEY, Setting.TELEGRAM_BOT_TOKEN);
    assertThat(e.getMessage().lines())
        .containsExactly(
            "REPORTS_DB_URL: required in start mode: the JDBC URL of PostgreSQL, e.g."
                + " jdbc:postgresql://db.internal:5432/reports",
            "REPORTS_JWT_SECRET: required in start mode: the HS256 key that signs API tokens, at"
                + " least 32 bytes",
            "REPORTS_LOOPS_API_KEY: required in start mode to deliver email; or set"
                + " REPORTS_EMAIL_DELIVERY=outbox (write to REPORTS_OUTBOX_DIR) or"
                + " REPORTS_EMAIL_DELIVERY=off",
            "REPORTS_TELEGRAM_BOT_TOKEN: required in start mode to deliver Telegram; or set"
                + " REPORTS_TELEGRAM_DELIVERY=outbox (write to REPORTS_OUTBOX_DIR) or"
                + " REPORTS_TELEGRAM_DELIVERY=off");
  }

  @Test
  void startRefusesAChannelWithoutCredentialsUnlessItsModeSaysOutboxOrOff() {
    Path outbox = dir.resolve("never-created");
    ConfigException e =
        rejected(
            Mode.START,
            start(
                "REPORTS_EMAIL_DELIVERY",
                null,
                "REPORTS_OUTBOX_DIR",
                outbox.toString(),
                "REPORTS_TELEGRAM_BOT_TOKEN",
                "123456:AAE-token_value",
                "REPORTS_TELEGRAM_DELIVERY",
                null));
    assertThat(e.problems())
        .extracting(ConfigException.Problem::setting)
        .containsExactly(Setting.LOOPS_API_KEY);
    // refused before anything is written: no outbox folder appears
    assertThat(outbox).doesNotExist();

    ServiceConfig off =
        ServiceConfig.load(
            Mode.START,
            start(
                "REPORTS_EMAIL_DELIVERY", "off",
                "REPORTS_TELEGRAM_BOT_TOKEN", "123456:AAE-token_value",
                "REPORTS_TELEGRAM_DELIVERY", null));
    assertThat(off.channels()).isEqualTo(new ChannelModes(DeliveryMode.OFF, DeliveryMode.PROVIDER));
    assertThat(off.channels().codes())
        .containsExactly(Map.entry("email", "off"), Map.entry("telegram", "provider"));
    assertThat(off.usesOutbox()).isFalse();
    assertThat(off.telegram()).isPresent();
  }

  @Test
  void anExplicitProviderModeNeedsItsCredentialsInDevToo() {
    ConfigException e = rejected(Mode.DEV, dev("REPORTS_TELEGRAM_DELIVERY", "provider"));
    assertThat(e.getMessage())
        .isEqualTo("REPORTS_TELEGRAM_BOT_TOKEN: required when REPORTS_TELEGRAM_DELIVERY=provider");
  }

  @Test
  void anUnknownDeliveryModeIsNamed() {
    assertThat(rejected(Mode.START, start("REPORTS_EMAIL_DELIVERY", "smtp")).getMessage())
        .isEqualTo("REPORTS_EMAIL_DELIVERY: must be provider, outbox or off, got 'smtp'");
    assertThat(
            ServiceConfig.load(Mode.START, start("REPORTS_TELEGRAM_DELIVERY", " OFF "))
                .channels()
                .telegram())
        .isEqualTo(DeliveryMode.OFF);
  }

  @Test
  void devTakesTheProviderWhenItsCredentialsAreSetAndTheOutboxOtherwise() {
    ServiceConfig config =
        ServiceConfig.load(Mode.DEV, dev("REPORTS_TELEGRAM_BOT_TOKEN", "123456:AAE-token_value"));
    assertThat(config.channels())
        .isEqualTo(new ChannelModes(DeliveryMode.OUTBOX, DeliveryMode.PROVIDER));
    assertThat(config.loops()).isEmpty();
  }

  @Test
  void outboxModeWinsOverCredentialsAndLeavesTheProviderUnused() {
    ServiceConfig config =
        ServiceConfig.load(
            Mode.START,
            start(
                "REPORTS_LOOPS_API_KEY", "loops-key-123",
                "REPORTS_LOOPS_TRANSACTIONAL_ID", "cm123"));
    assertThat(config.channels().email()).isEqualTo(DeliveryMode.OUTBOX);
    assertThat(config.loops()).isEmpty();
  }

  @Test
  void theHttpHostDefaultsByModeAndIsAnAddressOrAHostName() {
    assertThat(ServiceConfig.load(Mode.START, start()).http().host()).isEqualTo("0.0.0.0");
    assertThat(ServiceConfig.load(Mode.DEV, dev()).http().host()).isEqualTo("127.0.0.1");
    for (String good : new String[] {"10.0.0.5", "::", "[::1]", "node-a.internal", "localhost"}) {
      assertThat(ServiceConfig.load(Mode.START, start("REPORTS_HTTP_HOST", good)).http().host())
          .isEqualTo(good.replace("[", "").replace("]", ""));
    }
    for (String bad : new String[] {"http://0.0.0.0", "0.0.0.0:8080x", "a b", "*"}) {
      assertThat(rejected(Mode.START, start("REPORTS_HTTP_HOST", bad)).getMessage())
          .startsWith("REPORTS_HTTP_HOST: must be an address or host name to bind");
    }
  }

  @Test
  void theSharedLinkUrlIsAnHttpTemplateWithASlug() {
    assertThat(ServiceConfig.load(Mode.START, start()).sharedLinkUrl()).isEmpty();
    SharedLinkUrl url =
        ServiceConfig.load(
                Mode.START, start("REPORTS_SHARED_LINK_URL", "https://app.example.com/s/{slug}"))
            .sharedLinkUrl()
            .orElseThrow();
    assertThat(url.template()).isEqualTo("https://app.example.com/s/{slug}");
    assertThat(
            rejected(Mode.START, start("REPORTS_SHARED_LINK_URL", "https://app.example.com/s/"))
                .getMessage())
        .startsWith("REPORTS_SHARED_LINK_URL: must be an http(s) URL with {slug}")
        .endsWith("it has no {slug}");
    String withCredentials = "https://admin:" + PASSWORD + "@app.example.com/{slug}";
    assertThat(rejected(Mode.START, start("REPORTS_SHARED_LINK_URL", withCredentials)).getMessage())
        .startsWith("REPORTS_SHARED_LINK_URL: must be an http(s) URL");
    rejected(Mode.START, start("REPORTS_SHARED_LINK_URL", "ftp://x/{slug}"));
  }

  @Test
  void theScheduleQuotaAndTheAutoPauseArePositiveWholeNumbers() {
    ServiceConfig defaults = ServiceConfig.load(Mode.START, start());
    assertThat(defaults.maxSchedulesPerOrg()).isEqualTo(1000);
    assertThat(defaults.autoPauseAfter()).isEqualTo(5);
    ServiceConfig set =
        ServiceConfig.load(
            Mode.START,
            start("REPORTS_MAX_SCHEDULES_PER_ORG", "25", "REPORTS_AUTO_PAUSE_AFTER", "3"));
    assertThat(set.maxSchedulesPerOrg()).isEqualTo(25);
    assertThat(set.autoPauseAfter()).isEqualTo(3);
    ConfigException e =
        rejected(
            Mode.START,
            start("REPORTS_MAX_SCHEDULES_PER_ORG", "0", "REPORTS_AUTO_PAUSE_AFTER", "five"));
    assertThat(e.getMessage().lines())
        .containsExactly(
            "REPORTS_MAX_SCHEDULES_PER_ORG: must be a whole number from 1 to 2147483647, got '0'",
            "REPORTS_AUTO_PAUSE_AFTER: must be a whole number from 1 to 2147483647, got 'five'");
    rejected(Mode.START, start("REPORTS_MAX_SCHEDULES_PER_ORG", "99999999999"));
  }

  @Test
  void alertsUseTheReportsTemplateUnlessTheirOwnIsSet() {
    String[] loops = {
      "REPORTS_EMAIL_DELIVERY", null,
      "REPORTS_LOOPS_API_KEY", "loops-key-123",
      "REPORTS_LOOPS_TRANSACTIONAL_ID", "cm123"
    };
    assertThat(ServiceConfig.load(Mode.START, start(loops)).loops().orElseThrow())
        .extracting(LoopsSettings::alertTransactionalId)
        .isEqualTo("cm123");
    Map<String, String> env = start(loops);
    env.put("REPORTS_LOOPS_ALERT_TRANSACTIONAL_ID", "cm-alerts");
    assertThat(ServiceConfig.load(Mode.START, env).loops().orElseThrow().alertTransactionalId())
        .isEqualTo("cm-alerts");
  }

  @Test
  void anOperatorCommandNeedsNoChannelCredentialsAndCreatesNothing() {
    Path outbox = dir.resolve("command-outbox");
    ServiceConfig config =
        ServiceConfig.loadForCommand(
            start(
                "REPORTS_EMAIL_DELIVERY", null,
                "REPORTS_TELEGRAM_DELIVERY", null,
                "REPORTS_OUTBOX_DIR", outbox.toString(),
                "REPORTS_JWT_SECRET", null),
            false);
    assertThat(config.database().location()).isEqualTo("PostgreSQL at db.internal:5433/reports");
    assertThat(outbox).doesNotExist();
    assertThat(
            catchThrowableOfType(
                    ConfigException.class,
                    () -> ServiceConfig.loadForCommand(start("REPORTS_JWT_SECRET", null), true))
                .problems())
        .extracting(ConfigException.Problem::setting)
        .containsExactly(Setting.JWT_SECRET);
  }

  @Test
  void startReadsEverySetting() {
    ServiceConfig config =
        ServiceConfig.load(
            Mode.START,
            start(
                "REPORTS_HTTP_PORT", "9090",
                "REPORTS_NODE_ID", "node-a.eu:1",
                "REPORTS_EMAIL_DELIVERY", null,
                "REPORTS_TELEGRAM_DELIVERY", null,
                "REPORTS_LOOPS_API_KEY", "loops-key-123",
                "REPORTS_LOOPS_TRANSACTIONAL_ID", "cm123",
                "REPORTS_LOOPS_BASE_URL", "http://localhost:1234/",
                "REPORTS_TELEGRAM_BOT_TOKEN", "123456:AAE-token_value",
                "REPORTS_TELEGRAM_BASE_URL", "https://tg.example.com/api"));
    assertThat(config.mode()).isEqualTo(Mode.START);
    assertThat(config.database().vendor()).isEqualTo(DatabaseVendor.POSTGRESQL);
    assertThat(config.database().url()).isEqualTo("jdbc:postgresql://db.internal:5433/reports");
    assertThat(config.database().user()).isEqualTo("reports");
    assertThat(config.database().password().reveal()).isEqualTo(PASSWORD);
    assertThat(config.database().location()).isEqualTo("PostgreSQL at db.internal:5433/reports");
    assertThat(config.http()).isEqualTo(new HttpSettings("0.0.0.0", 9090));
    assertThat(config.nodeId()).isEqualTo("node-a.eu:1");
    assertThat(config.jwtSecret().reveal()).isEqualTo(JWT);
    assertThat(config.loops())
        .get()
        .satisfies(
            l -> {
              assertThat(l.apiKey().reveal()).isEqualTo("loops-key-123");
              assertThat(l.transactionalId()).isEqualTo("cm123");
              assertThat(l.baseUrl()).isEqualTo(URI.create("http://localhost:1234"));
            });
    assertThat(config.telegram())
        .get()
        .satisfies(
            t -> {
              assertThat(t.botToken().reveal()).isEqualTo("123456:AAE-token_value");
              assertThat(t.baseUrl()).isEqualTo(URI.create("https://tg.example.com/api"));
            });
    assertThat(config.usesOutbox()).isFalse();
    assertThat(config.channels()).isEqualTo(ChannelModes.PROVIDERS);
  }

  @Test
  void defaultsFollowTheContract() {
    ServiceConfig config = ServiceConfig.load(Mode.START, start());
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.loops()).isEmpty();
    assertThat(config.telegram()).isEmpty();
    assertThat(config.usesOutbox()).isTrue();
    assertThat(config.outboxDir()).isEqualTo(dir.resolve("outbox").toAbsolutePath());
    assertThat(Files.isDirectory(config.outboxDir())).isTrue();
    assertThat(config.nodeId()).matches("[A-Za-z0-9._-]+-[0-9a-f]{8}").hasSizeLessThan(101);
    assertThat(ServiceConfig.load(Mode.START, start()).nodeId()).isNotEqualTo(config.nodeId());
  }

  @Test
  void blankValuesCountAsUnset() {
    ServiceConfig config =
        ServiceConfig.load(
            Mode.START, start("REPORTS_HTTP_PORT", " ", "REPORTS_LOOPS_API_KEY", ""));
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.loops()).isEmpty();
    rejected(Mode.START, start("REPORTS_DB_URL", "  "));
  }

  @Test
  void theHttpPortIsANumberInRange() {
    for (String bad : new String[] {"abc", "-1", "65536", "80.5"}) {
      assertThat(rejected(Mode.START, start("REPORTS_HTTP_PORT", bad)).getMessage())
          .isEqualTo(
              "REPORTS_HTTP_PORT: must be a port number 1-65535 (0 picks a free port), got '"
                  + bad
                  + "'");
    }
    assertThat(ServiceConfig.load(Mode.START, start("REPORTS_HTTP_PORT", "0")).http().port())
        .isZero();
  }

  @Test
  void theMissedRunGraceIsAPositiveIsoDurationAndDefaultsToTheEngines() {
    assertThat(ServiceConfig.load(Mode.START, start()).missedRunGrace())
        .isEqualTo(ReportEngine.DEFAULT_MISSED_RUN_GRACE);
    assertThat(
            ServiceConfig.load(Mode.START, start("REPORTS_MISSED_RUN_GRACE", "PT90S"))
                .missedRunGrace())
        .isEqualTo(Duration.ofSeconds(90));
    for (String bad : new String[] {"6h", "PT0S", "-PT1M", "90"}) {
      assertThat(rejected(Mode.START, start("REPORTS_MISSED_RUN_GRACE", bad)).getMessage())
          .isEqualTo(
              "REPORTS_MISSED_RUN_GRACE: must be a positive ISO-8601 duration such as PT6H or"
                  + " PT30M, got '"
                  + bad
                  + "'");
    }
  }

  @Test
  void theRunLeaseIsAnIsoDurationOfAtLeastASecondAndDefaultsToTheEngines() {
    assertThat(ServiceConfig.load(Mode.START, start()).runLease())
        .isEqualTo(ReportEngine.DEFAULT_RUN_LEASE);
    assertThat(ServiceConfig.load(Mode.START, start("REPORTS_RUN_LEASE", "PT4S")).runLease())
        .isEqualTo(Duration.ofSeconds(4));
    for (String bad : new String[] {"30s", "PT0.5S", "-PT1M", "30"}) {
      assertThat(rejected(Mode.START, start("REPORTS_RUN_LEASE", bad)).getMessage())
          .isEqualTo(
              "REPORTS_RUN_LEASE: must be an ISO-8601 duration of at least one second such as"
                  + " PT30S, got '"
                  + bad
                  + "'");
    }
  }

  @Test
  void aDatabaseUrlMustBePostgresAndIsNeverEchoed() {
    String mysql = "jdbc:mysql://db/reports?password=" + PASSWORD;
    assertThat(rejected(Mode.START, start("REPORTS_DB_URL", mysql)).getMessage())
        .startsWith("REPORTS_DB_URL: not a PostgreSQL JDBC URL");
    String withCredentials = "jdbc:postgresql://reports:" + PASSWORD + "@db/reports";
    assertThat(rejected(Mode.START, start("REPORTS_DB_URL", withCredentials)).getMessage())
        .contains("REPORTS_DB_URL: credentials belong in REPORTS_DB_USER/PASSWORD");
  }

  @Test
  void theJwtSecretHasAtLeast32Bytes() {
    String short31 = "x".repeat(31);
    ConfigException e = rejected(Mode.START, start("REPORTS_JWT_SECRET", short31));
    assertThat(e.getMessage())
        .isEqualTo("REPORTS_JWT_SECRET: too short: HS256 needs at least 32 bytes");
    assertThat(e.getMessage()).doesNotContain(short31);
    // bytes, not characters: 16 two-byte characters are enough
    assertThat(
            ServiceConfig.load(Mode.START, start("REPORTS_JWT_SECRET", "ж".repeat(16))).jwtSecret())
        .isNotNull();
  }

  @Test
  void loopsNeedsItsKeyAndItsTemplateTogether() {
    assertThat(rejected(Mode.START, start("REPORTS_LOOPS_API_KEY", "k-1234")).getMessage())
        .startsWith("REPORTS_LOOPS_TRANSACTIONAL_ID: required when REPORTS_LOOPS_API_KEY is set")
        .doesNotContain("k-1234");
    assertThat(rejected(Mode.START, start("REPORTS_LOOPS_TRANSACTIONAL_ID", "cm1")).getMessage())
        .isEqualTo("REPORTS_LOOPS_API_KEY: required when REPORTS_LOOPS_TRANSACTIONAL_ID is set");
  }

  @Test
  void providerBaseUrlsAreHttpUrls() {
    for (String bad :
        new String[] {"ftp://x", "not a url", "app.loops.so", "https://u:p@x", "https://x?q=1"}) {
      assertThat(rejected(Mode.START, start("REPORTS_LOOPS_BASE_URL", bad)).getMessage())
          .startsWith(
              "REPORTS_LOOPS_BASE_URL: must be an http(s) URL such as https://app.loops.so");
    }
    assertThat(rejected(Mode.START, start("REPORTS_TELEGRAM_BASE_URL", "telegram")).getMessage())
        .startsWith("REPORTS_TELEGRAM_BASE_URL: must be an http(s) URL");
  }

  @Test
  void aBaseUrlWithCredentialsOrATokenInItIsRefusedWithoutBeingEchoed() {
    String userInfo = "https://reports:" + PASSWORD + "@app.loops.so";
    String query = "https://app.loops.so?key=" + PASSWORD;
    String tokenInPath = "https://api.telegram.org/bot123456:AAE-secret-part";
    String malformed = "https://api.telegram.org/bot123456:AAE-secret part^";
    ConfigException e =
        rejected(
            Mode.START,
            start(
                "REPORTS_LOOPS_BASE_URL", userInfo,
                "REPORTS_TELEGRAM_BASE_URL", tokenInPath));
    assertThat(e.problems())
        .extracting(ConfigException.Problem::setting)
        .containsExactly(Setting.LOOPS_BASE_URL, Setting.TELEGRAM_BASE_URL);
    assertThat(e.getMessage())
        .contains("REPORTS_TELEGRAM_BASE_URL: must be the Bot API base such as")
        .doesNotContain("AAE-secret-part")
        .doesNotContain("reports:");
    for (String bad : new String[] {query, malformed}) {
      assertThat(
              rejected(Mode.START, start("REPORTS_TELEGRAM_BASE_URL", bad, "REPORTS_DB_URL", null))
                  .getMessage())
          .doesNotContain(PASSWORD)
          .doesNotContain("AAE-secret");
    }
  }

  @Test
  void aMalformedBotTokenIsNamedButNotShown() {
    String pasted = "https://api.telegram.org/bot123456:AAE-secret/sendDocument";
    ConfigException e = rejected(Mode.START, start("REPORTS_TELEGRAM_BOT_TOKEN", pasted));
    assertThat(e.getMessage())
        .startsWith("REPORTS_TELEGRAM_BOT_TOKEN: not a bot token")
        .doesNotContain("AAE-secret");
  }

  @Test
  void aNodeIdIsShortAndPlain() {
    assertThat(rejected(Mode.START, start("REPORTS_NODE_ID", "node a")).getMessage())
        .startsWith("REPORTS_NODE_ID: must be 1 to 100 characters");
    rejected(Mode.START, start("REPORTS_NODE_ID", "n".repeat(201)));
  }

  @Test
  void aNodeIdLongerThanTheEngineTakesIsAConfigurationError() {
    assertThat(ServiceConfig.load(Mode.START, start("REPORTS_NODE_ID", "n".repeat(100))).nodeId())
        .hasSize(100);
    assertThat(rejected(Mode.START, start("REPORTS_NODE_ID", "n".repeat(101))).getMessage())
        .isEqualTo("REPORTS_NODE_ID: at most 100 characters (the report engine's limit), got 101");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigException e =
        rejected(
            Mode.START,
            start("REPORTS_DB_URL", null, "REPORTS_HTTP_PORT", "x", "REPORTS_NODE_ID", "a b"));
    assertThat(e.problems())
        .extracting(ConfigException.Problem::setting)
        .containsExactly(Setting.DB_URL, Setting.HTTP_PORT, Setting.NODE_ID);
  }

  @Test
  void noConfigPrintsASecret() {
    ServiceConfig config =
        ServiceConfig.load(
            Mode.START,
            start(
                "REPORTS_DB_URL", "jdbc:postgresql://db/reports?password=" + PASSWORD,
                "REPORTS_EMAIL_DELIVERY", "provider",
                "REPORTS_TELEGRAM_DELIVERY", "provider",
                "REPORTS_LOOPS_API_KEY", "loops-key-123",
                "REPORTS_LOOPS_TRANSACTIONAL_ID", "cm123",
                "REPORTS_TELEGRAM_BOT_TOKEN", "123456:AAE-token_value"));
    assertThat(config.toString())
        .doesNotContain(PASSWORD)
        .doesNotContain(JWT)
        .doesNotContain("loops-key-123")
        .doesNotContain("AAE-token_value")
        .contains("PostgreSQL at db:5432/reports");
    assertThat(config.redact("boom " + PASSWORD + " and 123456:AAE-token_value"))
        .isEqualTo("boom *** and ***");
  }

  @Test
  void aFolderThatCannotBeCreatedIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertThat(
            rejected(Mode.START, start("REPORTS_OUTBOX_DIR", file.resolve("outbox").toString()))
                .getMessage())
        .startsWith("REPORTS_OUTBOX_DIR: cannot create " + file.resolve("outbox"));
    assertThat(
            rejected(Mode.DEV, dev("REPORTS_DATA_DIR", file.resolve("data").toString()))
                .getMessage())
        .startsWith("REPORTS_DATA_DIR: cannot create " + file.resolve("data"));
  }

  @Test
  void devNeedsNothingAndKeepsEverythingUnderItsDataFolder() {
    ServiceConfig config = ServiceConfig.load(Mode.DEV, dev());
    Path data = dir.resolve("data").toAbsolutePath();
    assertThat(config.dataDir()).isEqualTo(data);
    assertThat(config.database().vendor()).isEqualTo(DatabaseVendor.H2);
    assertThat(config.database().url())
        .startsWith("jdbc:h2:file:" + data.resolve("reports") + ";")
        .contains("MODE=PostgreSQL");
    assertThat(config.http()).isEqualTo(new HttpSettings("127.0.0.1", 8080));
    assertThat(config.outboxDir()).isEqualTo(data.resolve("outbox"));
    assertThat(Files.isDirectory(config.outboxDir())).isTrue();
    assertThat(config.jwtSecret().bytes().length).isGreaterThanOrEqualTo(32);
  }

  @Test
  void devGeneratesItsJwtSecretOnceAndKeepsIt() throws Exception {
    String first = ServiceConfig.load(Mode.DEV, dev()).jwtSecret().reveal();
    assertThat(ServiceConfig.load(Mode.DEV, dev()).jwtSecret().reveal()).isEqualTo(first);
    Path file = dir.resolve("data/jwt-secret");
    assertThat(Files.readString(file).strip()).isEqualTo(first);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    // a secret from the environment wins
    assertThat(ServiceConfig.load(Mode.DEV, dev("REPORTS_JWT_SECRET", JWT)).jwtSecret().reveal())
        .isEqualTo(JWT);
  }

  @Test
  void devIgnoresADatabaseUrl() {
    ServiceConfig config =
        ServiceConfig.load(Mode.DEV, dev("REPORTS_DB_URL", "jdbc:postgresql://db/reports"));
    assertThat(config.database().vendor()).isEqualTo(DatabaseVendor.H2);
  }

  @Test
  void postgresUrlsShowTheirServersAndDatabase() {
    assertThat(PostgresUrl.parse("jdbc:postgresql://h/db?ssl=true"))
        .isEqualTo(new PostgresUrl("h:5432", "db"));
    assertThat(PostgresUrl.parse("jdbc:postgresql://h1:5433,h2/db"))
        .isEqualTo(new PostgresUrl("h1:5433,h2:5432", "db"));
    assertThat(PostgresUrl.parse("jdbc:postgresql://[::1]:5740/db"))
        .isEqualTo(new PostgresUrl("[::1]:5740", "db"));
    assertThat(PostgresUrl.parse("jdbc:postgresql://[::1]/db"))
        .isEqualTo(new PostgresUrl("[::1]:5432", "db"));
    assertThat(PostgresUrl.parse("jdbc:postgresql:db"))
        .isEqualTo(new PostgresUrl("localhost:5432", "db"));
    assertThat(PostgresUrl.parse("jdbc:postgresql:///db"))
        .isEqualTo(new PostgresUrl("localhost:5432", "db"));
  }
}
