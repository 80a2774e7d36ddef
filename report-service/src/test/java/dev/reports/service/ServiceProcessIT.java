package dev.reports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.test.PostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as an operator runs it: one-line failures with their exit codes, {@code dev} and
 * {@code start} serving {@code /health/ready}, and a clean stop on SIGTERM.
 */
class ServiceProcessIT {
  static final Duration START = Duration.ofSeconds(90);
  // HTTP drains for up to 10 s, then the engine lets a running report finish; generous under load
  static final Duration STOP = Duration.ofSeconds(60);
  static final String JWT = "0123456789abcdef0123456789abcdef";

  /** What the JVM exits with after SIGTERM and its shutdown hooks. */
  static final int TERMINATED = 143;

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase(false);
  @TempDir Path dir;

  @Test
  void startWithoutADatabaseUrlExitsWithOneLineNamingIt() throws Exception {
    Map<String, String> env =
        Map.of(
            "REPORTS_JWT_SECRET", JWT,
            "REPORTS_EMAIL_DELIVERY", "off",
            "REPORTS_TELEGRAM_DELIVERY", "off");
    try (ServiceProcess service = ServiceProcess.launch(dir, env, "start")) {
      assertThat(service.awaitExit(START)).isEqualTo(2);
      assertThat(service.err().lines())
          .singleElement()
          .asString()
          .startsWith("report-service: REPORTS_DB_URL: required in start mode");
    }
  }

  @Test
  void startRefusesWithinSecondsNamingEveryMissingSettingEachOnItsLine() throws Exception {
    long started = System.nanoTime();
    // a database that would hang a connection attempt: refused before it is touched
    Map<String, String> env = Map.of("REPORTS_DB_URL", "jdbc:postgresql://10.255.255.1/reports");
    try (ServiceProcess service = ServiceProcess.launch(dir, env, "start")) {
      assertThat(service.awaitExit(START)).isEqualTo(2);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(took).isLessThan(Duration.ofSeconds(20));
      assertThat(service.err().lines())
          .extracting(line -> line.substring(0, line.indexOf(':', "report-service: ".length())))
          .containsExactly(
              "report-service: REPORTS_JWT_SECRET",
              "report-service: REPORTS_LOOPS_API_KEY",
              "report-service: REPORTS_TELEGRAM_BOT_TOKEN");
      assertThat(service.err())
          .contains(
              "report-service: REPORTS_LOOPS_API_KEY: required in start mode to deliver email; or"
                  + " set REPORTS_EMAIL_DELIVERY=outbox (write to REPORTS_OUTBOX_DIR) or"
                  + " REPORTS_EMAIL_DELIVERY=off");
      assertThat(service.out()).doesNotContain("Starting");
      assertThat(dir.resolve("data")).doesNotExist();
    }
  }

  @Test
  void aNodeIdLongerThanTheEngineTakesAndCredentialsInUrlsAreConfigurationErrorsNeverEchoed()
      throws Exception {
    String password = "pa55-in-the-url";
    String botToken = "123456:AAE-token-in-the-path";
    Map<String, String> env =
        Map.of(
            "REPORTS_DB_URL",
            "jdbc:mysql://db/reports?password=" + password,
            "REPORTS_JWT_SECRET",
            JWT,
            "REPORTS_NODE_ID",
            "n".repeat(101),
            "REPORTS_LOOPS_BASE_URL",
            "https://reports:" + password + "@app.loops.so",
            "REPORTS_TELEGRAM_BASE_URL",
            "https://api.telegram.org/bot" + botToken,
            "REPORTS_EMAIL_DELIVERY",
            "outbox",
            "REPORTS_TELEGRAM_DELIVERY",
            "outbox");
    try (ServiceProcess service = ServiceProcess.launch(dir, env, "start")) {
      assertThat(service.awaitExit(START)).isEqualTo(2);
      assertThat(service.err().lines())
          .extracting(line -> line.substring(0, line.indexOf(':', "report-service: ".length())))
          .containsExactly(
              "report-service: REPORTS_DB_URL",
              "report-service: REPORTS_NODE_ID",
              "report-service: REPORTS_LOOPS_BASE_URL",
              "report-service: REPORTS_TELEGRAM_BASE_URL");
      assertThat(service.err())
          .contains(
              "report-service: REPORTS_NODE_ID: at most 100 characters (the report engine's"
                  + " limit), got 101");
      assertThat(service.out() + service.err())
          .doesNotContain(password)
          .doesNotContain(botToken)
          .doesNotContain("AAE-token")
          .doesNotContain(JWT);
    }
  }

  @Test
  void startWithAnUnreachableDatabaseNamesSettingAndHostButNeverThePassword() throws Exception {
    String password = "pa55-w0rd-never-shown";
    Map<String, String> env =
        Map.of(
            "REPORTS_DB_URL", "jdbc:postgresql://127.0.0.1:1/reports",
            "REPORTS_DB_PASSWORD", password,
            "REPORTS_JWT_SECRET", JWT,
            "REPORTS_EMAIL_DELIVERY", "outbox",
            "REPORTS_TELEGRAM_DELIVERY", "outbox");
    try (ServiceProcess service = ServiceProcess.launch(dir, env, "start")) {
      assertThat(service.awaitExit(START)).isEqualTo(69);
      assertThat(service.err().lines())
          .containsExactly(
              "report-service: REPORTS_DB_URL: cannot reach PostgreSQL at 127.0.0.1:1 (connection refused)");
      assertThat(service.out() + service.err()).doesNotContain(password).doesNotContain(JWT);
    }
  }

  @Test
  void devComesUpReadyOnAnEmptyFolderRefusesASecondInstanceAndStopsCleanlyOnSigterm()
      throws Exception {
    Path work = dir.resolve("work");
    try (ServiceProcess dev =
        ServiceProcess.launch(work, Map.of("REPORTS_HTTP_PORT", "0"), "dev")) {
      int port = dev.awaitServing(START);
      Http.Response ready = Http.get(port, "/health/ready");
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.json().get("status").asText()).isEqualTo("ready");
      assertThat(dev.out())
          .contains("export TOKEN='")
          .contains("curl -s http://localhost:" + port + "/health/ready");
      assertThat(Files.exists(work.resolve("data/reports.mv.db"))).isTrue();
      assertThat(Files.exists(work.resolve("data/jwt-secret"))).isTrue();
      assertThat(dev.out())
          .doesNotContain(Files.readString(work.resolve("data/jwt-secret")).strip());

      try (ServiceProcess second =
          ServiceProcess.launch(work, Map.of("REPORTS_HTTP_PORT", "0"), "dev")) {
        assertThat(second.awaitExit(START)).isEqualTo(69);
        assertThat(second.err().lines())
            .singleElement()
            .asString()
            .startsWith("report-service: REPORTS_DATA_DIR: the H2 file ")
            .endsWith("is in use by another process (is another dev instance running?)");
      }
      assertThat(Http.get(port, "/health/ready").status()).isEqualTo(200);

      dev.terminate();
      assertThat(dev.awaitExit(STOP)).isEqualTo(TERMINATED);
      assertThat(dev.out()).contains("Stopping").contains("Stopped");
      assertThat(dev.err()).isEmpty();
    }
  }

  @Test
  void startMigratesPostgresServesReadyAndStopsCleanlyOnSigterm() throws Exception {
    Map<String, String> env =
        Map.of(
            "REPORTS_DB_URL",
            db.url(),
            "REPORTS_DB_USER",
            db.user(),
            "REPORTS_JWT_SECRET",
            JWT,
            "REPORTS_HTTP_PORT",
            "0",
            "REPORTS_EMAIL_DELIVERY",
            "outbox",
            "REPORTS_TELEGRAM_DELIVERY",
            "off");
    try (ServiceProcess start = ServiceProcess.launch(dir.resolve("node"), env, "start")) {
      int port = start.awaitServing(START);
      Http.Response ready = Http.get(port, "/health/ready");
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.json().get("channels").toString())
          .isEqualTo("{\"email\":\"outbox\",\"telegram\":\"off\"}");
      // start binds every interface by default
      assertThat(start.out()).contains("Serving HTTP on http://0.0.0.0:" + port);
      assertThat(start.out()).contains("schema at version 6.3").doesNotContain(JWT);
      // the contract's default outbox, relative to the working directory
      assertThat(dir.resolve("node/data/outbox")).isDirectory();

      start.terminate();
      assertThat(start.awaitExit(STOP)).isEqualTo(TERMINATED);
      assertThat(start.out()).contains("Stopped");
    }
  }
}
