package dev.reports.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
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
    assertThat(
            run(
                Map.of(
                    "REPORTS_JWT_SECRET", "0123456789abcdef0123456789abcdef",
                    "REPORTS_EMAIL_DELIVERY", "off",
                    "REPORTS_TELEGRAM_DELIVERY", "off"),
                "start"))
        .isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "report-service: REPORTS_DB_URL: required in start mode: the JDBC URL of PostgreSQL,"
                + " e.g. jdbc:postgresql://db.internal:5432/reports"
                + System.lineSeparator());
  }

  @Test
  void everyConfigurationErrorIsALineOfItsOwn() {
    assertThat(run(Map.of("REPORTS_TELEGRAM_DELIVERY", "off"), "start")).isEqualTo(2);
    assertThat(err().lines())
        .extracting(line -> line.substring(0, line.indexOf(':', "report-service: ".length())))
        .containsExactly(
            "report-service: REPORTS_DB_URL",
            "report-service: REPORTS_JWT_SECRET",
            "report-service: REPORTS_LOOPS_API_KEY");
  }

  @Test
  void anUnreachableDatabaseExitsWithOneLineNamingSettingAndHostButNoPassword() {
    int code =
        run(
            Map.of(
                "REPORTS_DB_URL", "jdbc:postgresql://127.0.0.1:1/reports",
                "REPORTS_DB_PASSWORD", "pa55-w0rd-secret",
                "REPORTS_JWT_SECRET", "0123456789abcdef0123456789abcdef",
                "REPORTS_EMAIL_DELIVERY", "outbox",
                "REPORTS_TELEGRAM_DELIVERY", "off",
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
            "report-service: unknown command 'stat' (use dev, start, migrate, token or check)"
                + System.lineSeparator());
  }

  @Test
  void helpGoesToStdoutAndSucceeds() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("dev")
        .contains("start")
        .contains("migrate")
        .contains("token    --user <uuid>")
        .contains("check");
  }

  @Test
  void everyCommandHasItsHelp() {
    for (String command : new String[] {"dev", "start", "migrate", "token", "check"}) {
      out.reset();
      assertThat(run(Map.of(), command, "--help")).as(command).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .as(command)
          .startsWith("usage: report-service " + command);
    }
    assertThat(err()).isEmpty();
  }

  @Test
  void aCommandGivenOptionsItDoesNotTakeIsAUsageError() {
    assertThat(run(Map.of(), "start", "--port", "1")).isEqualTo(64);
    assertThat(run(Map.of(), "migrate", "now")).isEqualTo(64);
    assertThat(run(Map.of(), "token")).isEqualTo(64);
    assertThat(run(Map.of(), "token", "--user", "42")).isEqualTo(64);
    assertThat(run(Map.of(), "token", "--user", UUID.randomUUID().toString(), "--ttl", "forever"))
        .isEqualTo(64);
    assertThat(err().lines())
        .containsExactly(
            "report-service start: start takes no options (see --help)",
            "report-service migrate: takes no options, got 'now' (see --help)",
            "report-service token: --user <uuid> is required (see --help)",
            "report-service token: --user must be a user's id (a UUID), got '42' (see --help)",
            "report-service token: --ttl must be a positive duration such as 30d, 12h or 90m, at"
                + " most 365d, got 'forever' (see --help)");
  }
}
