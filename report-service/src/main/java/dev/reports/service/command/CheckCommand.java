package dev.reports.service.command;

import dev.reports.engine.delivery.Channel;
import dev.reports.service.Database;
import dev.reports.service.StartupException;
import dev.reports.service.config.ChannelModes;
import dev.reports.service.config.DeliveryMode;
import dev.reports.service.config.Mode;
import dev.reports.service.config.ServiceConfig;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code report-service check}: what {@code start} needs, checked without starting. The
 * configuration (as {@code start} reads it), the database, the schema (every migration applied,
 * none failed) and each provider's credentials by a harmless call. One line per check.
 */
public final class CheckCommand {
  /** A check failed; each failure is its own line. */
  public static final int FAILED = 1;

  public static final String HELP =
      """
      usage: report-service check

      Checks what start needs, without starting or changing anything: the configuration (every
      bad setting named, exit 2), then prints one line per check:
        database  PostgreSQL answers with REPORTS_DB_URL / REPORTS_DB_USER / REPORTS_DB_PASSWORD
        schema    every migration of this build is applied, none failed (else: run migrate)
        email     Loops accepts REPORTS_LOOPS_API_KEY (GET /api/v1/api-key), or the channel's
                  outbox/off mode
        telegram  Telegram accepts REPORTS_TELEGRAM_BOT_TOKEN (getMe), or the channel's mode
      Nothing is sent to anyone; no secret is printed.

      Exit codes: 0 every check passes, 1 a check failed (named), 2 configuration.""";

  private CheckCommand() {}

  /** Runs the command; returns its exit code. */
  public static int run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Options.none(args);
    ServiceConfig config = ServiceConfig.load(Mode.START, env);
    Report report = new Report(out, config);
    report.line(true, "configuration", "start mode, node " + config.nodeId());
    try (Database database = Database.connect(config.database())) {
      report.line(true, "database", config.database().location() + " answers");
      Database.Schema schema = database.schema();
      String version = schema.version().map(v -> "version " + v).orElse("no version");
      if (!schema.failed().isEmpty()) {
        report.line(
            false,
            "schema",
            version
                + "; failed migration(s): "
                + String.join(", ", schema.failed())
                + " (repair the database, then run migrate)");
      } else if (!schema.pending().isEmpty()) {
        report.line(
            false,
            "schema",
            version
                + "; "
                + schema.pending().size()
                + " migration(s) pending: "
                + String.join(", ", schema.pending())
                + " (run `report-service migrate`)");
      } else {
        report.line(true, "schema", version + ", every migration applied");
      }
    } catch (StartupException e) {
      report.line(false, "database", e.getMessage());
    }
    ProviderCheck providers = new ProviderCheck();
    for (Channel channel : ChannelModes.CHANNELS) {
      DeliveryMode mode = config.channels().mode(channel);
      if (mode == DeliveryMode.PROVIDER) {
        ProviderCheck.Result result =
            channel == Channel.EMAIL
                ? providers.loops(config.loops().orElseThrow())
                : providers.telegram(config.telegram().orElseThrow());
        report.line(result.ok(), channel.code(), result.detail());
      } else {
        report.line(
            true,
            channel.code(),
            mode == DeliveryMode.OUTBOX
                ? "outbox " + config.outboxDir() + " (no provider)"
                : "off (schedules may not use it)");
      }
    }
    if (report.failures > 0) {
      err.println("report-service check: " + report.failures + " check(s) failed");
    }
    return report.failures == 0 ? 0 : FAILED;
  }

  private static final class Report {
    private final PrintStream out;
    private final ServiceConfig config;
    int failures;

    Report(PrintStream out, ServiceConfig config) {
      this.out = out;
      this.config = config;
    }

    void line(boolean ok, String name, String detail) {
      if (!ok) {
        failures++;
      }
      String first = detail.lines().findFirst().orElse("");
      out.printf("%-5s %-14s %s%n", ok ? "ok" : "FAIL", name, config.redact(first));
      out.flush();
    }
  }
}
