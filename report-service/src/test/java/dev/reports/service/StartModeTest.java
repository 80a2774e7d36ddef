package dev.reports.service;

import static dev.reports.jooq.Tables.ORGANIZATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.reports.service.config.Mode;
import dev.reports.service.config.ServiceConfig;
import dev.reports.service.health.ReadinessCheck;
import dev.reports.test.PostgresDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code start} on an empty PostgreSQL database: migrations at start, readiness, shutdown. */
class StartModeTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase(false);
  @TempDir static Path dir;
  static Application app;

  @BeforeAll
  static void start() {
    app = Application.start(config(), new PrintStream(new ByteArrayOutputStream()));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static ServiceConfig config() {
    return ServiceConfig.load(
        Mode.START,
        Map.of(
            "REPORTS_DB_URL", db.url(),
            "REPORTS_DB_USER", db.user(),
            "REPORTS_JWT_SECRET", "0123456789abcdef0123456789abcdef",
            "REPORTS_HTTP_PORT", "0",
            "REPORTS_EMAIL_DELIVERY", "outbox",
            "REPORTS_TELEGRAM_DELIVERY", "outbox",
            "REPORTS_OUTBOX_DIR", dir.resolve("outbox").toString()));
  }

  @Test
  void startMigratesAnEmptyDatabaseSeedsNothingAndIsReady() {
    Http.Response ready = Http.get(app.httpPort(), "/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.header("Cache-Control")).isEqualTo("no-store");
    assertThat(ready.json().get("checks").get(0).get("status").asText()).isEqualTo("up");
    assertThat(app.database().dsl().fetchCount(ORGANIZATIONS)).isZero();
    assertThat(
            app.database()
                .dsl()
                .fetchCount(
                    DSL.table(DSL.name("flyway_schema_history")),
                    DSL.field(DSL.name("success"), Boolean.class).isTrue()))
        .isEqualTo(7); // V1, V2, V3_3, V5_2, V5_2_1, V6_2, V6_3
    // and the report engine's own, in their own history: its baseline at 0 (the schema held the
    // service's tables already), then Quartz's tables, the rate permits, its runs and deliveries
    assertThat(
            app.database()
                .dsl()
                .fetchCount(
                    DSL.table(DSL.name("report_engine_schema_history")),
                    DSL.field(DSL.name("success"), Boolean.class).isTrue()))
        .isEqualTo(4);
  }

  @Test
  void aSecondNodeOnTheSameDatabaseFindsItMigratedAndServesToo() {
    try (Application second =
        Application.start(config(), new PrintStream(new ByteArrayOutputStream()))) {
      assertThat(second.httpPort()).isNotEqualTo(app.httpPort());
      assertThat(Http.get(second.httpPort(), "/health/ready").status()).isEqualTo(200);
    }
  }

  @Test
  void aFailingReadinessCheckTurnsTheProbeTo503AndNamesIt() {
    try (Application node =
        Application.start(config(), new PrintStream(new ByteArrayOutputStream()))) {
      node.readiness()
          .add(ReadinessCheck.of("archive", () -> ReadinessCheck.Status.down("not started")));
      Http.Response ready = Http.get(node.httpPort(), "/health/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.json().get("status").asText()).isEqualTo("not_ready");
      // the service's own checks come first: the database, then the report engine's scheduler
      assertThat(ready.json().get("checks").findValuesAsText("name"))
          .containsExactly("database", "scheduler", "archive");
      assertThat(ready.json().get("checks").get(1).get("status").asText()).isEqualTo("up");
      assertThat(ready.json().get("checks").get(2).get("detail").asText()).isEqualTo("not started");
      assertThat(Http.get(node.httpPort(), "/health/live").status()).isEqualTo(200);
    }
  }

  @Test
  void readinessFollowsTheDatabaseDownAndBackUp() throws Exception {
    try {
      admin("alter database " + db.name() + " allow_connections false");
      admin(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
              + db.name()
              + "'");
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> assertThat(Http.get(app.httpPort(), "/health/ready").status()).isEqualTo(503));
      assertThat(Http.get(app.httpPort(), "/health/live").status()).isEqualTo(200);
    } finally {
      admin("alter database " + db.name() + " allow_connections true");
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(Http.get(app.httpPort(), "/health/ready").status()).isEqualTo(200));
  }

  @Test
  void closingStopsHttpFirstThenThePool() {
    Application node = Application.start(config(), new PrintStream(new ByteArrayOutputStream()));
    int port = node.httpPort();
    assertThat(Http.get(port, "/health/live").status()).isEqualTo(200);
    node.close();
    node.close(); // twice is harmless
    assertThatThrownBy(() -> Http.get(port, "/health/live"))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(((HikariDataSource) node.database().dataSource()).isClosed()).isTrue();
  }

  @Test
  void aTakenPortIsNamedAsTheSetting() {
    Map<String, String> env =
        Map.of(
            "REPORTS_DB_URL", db.url(),
            "REPORTS_DB_USER", db.user(),
            "REPORTS_JWT_SECRET", "0123456789abcdef0123456789abcdef",
            "REPORTS_HTTP_PORT", String.valueOf(app.httpPort()),
            "REPORTS_EMAIL_DELIVERY", "outbox",
            "REPORTS_TELEGRAM_DELIVERY", "outbox",
            "REPORTS_OUTBOX_DIR", dir.resolve("outbox").toString());
    assertThatThrownBy(() -> Application.start(ServiceConfig.load(Mode.START, env), System.out))
        .isInstanceOf(StartupException.class)
        .hasMessage("REPORTS_HTTP_PORT: port " + app.httpPort() + " on 0.0.0.0 is already in use")
        .extracting(e -> ((StartupException) e).exitCode())
        .isEqualTo(StartupException.CONFIG);
  }

  private static void admin(String sql) throws Exception {
    String url = db.url().replace("/" + db.name(), "/postgres");
    try (Connection c = DriverManager.getConnection(url, db.user(), null);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
