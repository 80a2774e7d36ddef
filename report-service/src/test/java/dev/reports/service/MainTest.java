package dev.reports.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line: usage, and one line on stderr for a start that cannot happen. */
class MainTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(Map<String, String> env, String... args) {
    return Main.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void startWithoutADatabaseUrlExitsWithOneLineNamingIt() {
    assertThat(run(Map.of("REPORTS_JWT_SECRET", "0123456789abcdef0123456789abcdef"), "start"))
        .isEqualTo(78);
    assertThat(err())
        .isEqualTo(
            "report-service: REPORTS_DB_URL: required in start mode: the JDBC URL of PostgreSQL,"
                + " e.g. jdbc:postgresql://db.internal:5432/reports"
                + System.lineSeparator());
  }

  @Test
  void anUnreachableDatabaseExitsWithOneLineNamingSettingAndHostButNoPassword() {
    int code =
        run(
            Map.of(
                "REPORTS_DB_URL", "jdbc:postgresql://127.0.0.1:1/reports",
                "REPORTS_DB_PASSWORD", "pa55-w0rd-secret",
                "REPORTS_JWT_SECRET", "0123456789abcdef0123456789abcdef",
                "REPORTS_OUTBOX_DIR", System.getProperty("java.io.tmpdir")),
            "start");
    assertThat(code).isEqualTo(69);
    assertThat(err().lines())
        .containsExactly(
            "report-service: REPORTS_DB_URL: cannot reach PostgreSQL at 127.0.0.1:1 (connection refused)");
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("pa55-w0rd-secret");
  }

  @Test
  void noCommandPrintsUsageAndExits64() {
    assertThat(run(Map.of())).isEqualTo(64);
    assertThat(err()).startsWith("usage: report-service <command>");
  }

  @Test
  void anUnknownCommandIsNamed() {
    assertThat(run(Map.of(), "stat")).isEqualTo(64);
    assertThat(err())
        .isEqualTo(
            "report-service: unknown command 'stat' (use dev or start)" + System.lineSeparator());
  }

  @Test
  void helpGoesToStdoutAndSucceeds() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("dev").contains("start");
  }
}
