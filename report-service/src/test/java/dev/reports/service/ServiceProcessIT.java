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
    try (ServiceProcess service =
        ServiceProcess.launch(dir, Map.of("REPORTS_JWT_SECRET", JWT), "start")) {
      assertThat(service.awaitExit(START)).isEqualTo(78);
      assertThat(service.err().lines())
          .singleElement()
          .asString()
          .startsWith("report-service: REPORTS_DB_URL: required in start mode");
    }
  }

  @Test
  void startWithAnUnreachableDatabaseNamesSettingAndHostButNeverThePassword() throws Exception {
    String password = "pa55-w0rd-never-shown";
    Map<String, String> env =
        Map.of(
            "REPORTS_DB_URL", "jdbc:postgresql://127.0.0.1:1/reports",
            "REPORTS_DB_PASSWORD", password,
            "REPORTS_JWT_SECRET", JWT);
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
            "0");
    try (ServiceProcess start = ServiceProcess.launch(dir.resolve("node"), env, "start")) {
      int port = start.awaitServing(START);
      assertThat(Http.get(port, "/health/ready").status()).isEqualTo(200);
      assertThat(start.out()).contains("schema at version 4").doesNotContain(JWT);
      // the contract's default outbox, relative to the working directory
      assertThat(dir.resolve("node/data/outbox")).isDirectory();

      start.terminate();
      assertThat(start.awaitExit(STOP)).isEqualTo(TERMINATED);
      assertThat(start.out()).contains("Stopped");
    }
  }
}
