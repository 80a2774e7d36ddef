package dev.reports.service;

import dev.reports.service.config.ConfigException;
import dev.reports.service.config.Mode;
import dev.reports.service.config.ServiceConfig;
import java.io.PrintStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code report-service dev|start}. Logs go to stdout; a failure to start is one line on stderr
 * naming the setting to fix, and a non-zero exit: 64 usage, 69 a service it needs does not answer,
 * 70 anything else, 78 configuration.
 */
public final class Main {
  static final int USAGE = 64;

  private static final String HELP =
      """
      usage: report-service <command>

        dev    run with no setup: embedded H2 database under ./data, demo data, a printed API
               token, HTTP on localhost:8080
        start  run in production on PostgreSQL; needs REPORTS_DB_URL and REPORTS_JWT_SECRET

      Configuration comes from REPORTS_* environment variables (see README.md).""";

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.getenv(), System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs a command until the service stops; returns the exit code. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length == 1
        && (args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(HELP);
      return 0;
    }
    Mode mode = args.length == 1 ? mode(args[0]) : null;
    if (mode == null) {
      err.println(
          args.length == 0
              ? HELP
              : "report-service: unknown command '"
                  + String.join(" ", args)
                  + "' (use dev or start)");
      return USAGE;
    }
    ServiceConfig config = null;
    try {
      config = ServiceConfig.load(mode, env);
      Application application = Application.start(config, out);
      Runtime.getRuntime().addShutdownHook(new Thread(application::close, "shutdown"));
      application.awaitStop();
      return 0;
    } catch (ConfigException e) {
      return fatal(err, config, e.getMessage(), StartupException.CONFIG);
    } catch (StartupException e) {
      log().debug("Start failed", e);
      return fatal(err, config, e.getMessage(), e.exitCode());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (RuntimeException | Error e) {
      log().error("Start failed", e);
      return fatal(err, config, "unexpected error: " + e, StartupException.FAILED);
    }
  }

  private static Mode mode(String command) {
    for (Mode mode : Mode.values()) {
      if (mode.command().equals(command)) {
        return mode;
      }
    }
    return null;
  }

  private static int fatal(PrintStream err, ServiceConfig config, String message, int code) {
    String line = message.lines().findFirst().orElse(message);
    err.println("report-service: " + (config == null ? line : config.redact(line)));
    err.flush();
    return code;
  }

  private static Logger log() {
    return LoggerFactory.getLogger(Main.class);
  }
}
