package dev.reports.service;

import dev.reports.service.command.CheckCommand;
import dev.reports.service.command.MigrateCommand;
import dev.reports.service.command.TokenCommand;
import dev.reports.service.command.UsageException;
import dev.reports.service.config.ConfigException;
import dev.reports.service.config.Mode;
import dev.reports.service.config.ServiceConfig;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code report-service dev|start|migrate|token|check}. A failure is printed on stderr, one line
 * per problem naming the setting to fix, with a non-zero exit: 1 {@code check} found a problem, 2
 * configuration, 64 usage, 67 {@code token}'s user is unknown or deactivated, 69 a service it needs
 * does not answer, 70 anything else.
 */
public final class Main {
  static final int USAGE = 64;

  /** Where logs go while an operator command runs (read by logback.xml). */
  static final String LOG_TARGET = "reports.log.target";

  private static final String HELP =
      """
      usage: report-service <command> [options]

        dev      run with no setup: embedded H2 database under ./data, demo data, a printed API
                 token, HTTP on localhost:8080
        start    run in production on PostgreSQL; needs REPORTS_DB_URL, REPORTS_JWT_SECRET and,
                 per channel, its provider's credentials or REPORTS_*_DELIVERY=outbox|off
        migrate  apply the database migrations and exit
        token    --user <uuid> [--ttl 30d]: print an API token for an active user
        check    check the configuration, the database, its schema and the providers' credentials

      `report-service <command> --help` tells more. Configuration comes from REPORTS_*
      environment variables (see README.md).""";

  private static final String DEV_HELP =
      """
      usage: report-service dev

      Runs with no setup: an embedded H2 database under REPORTS_DATA_DIR (./data), demo data, a
      JWT secret generated once, deliveries to the outbox folder for a channel without provider
      credentials, HTTP on 127.0.0.1:8080. Prints an API token and curl lines to try.""";

  private static final String START_HELP =
      """
      usage: report-service start

      Runs a production node on PostgreSQL (REPORTS_DB_URL); several nodes on one database form a
      cluster. Applies pending migrations, then serves HTTP on REPORTS_HTTP_HOST:REPORTS_HTTP_PORT
      (0.0.0.0:8080). Refuses to start, naming the variable, when REPORTS_DB_URL or
      REPORTS_JWT_SECRET is missing, or when a channel has neither credentials
      (REPORTS_LOOPS_API_KEY and REPORTS_LOOPS_TRANSACTIONAL_ID, REPORTS_TELEGRAM_BOT_TOKEN) nor
      REPORTS_EMAIL_DELIVERY / REPORTS_TELEGRAM_DELIVERY set to outbox or off.

      Exit codes: 2 configuration, 69 database unreachable, 70 other failure, 143 after SIGTERM.""";

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && List.of("migrate", "token", "check").contains(args[0])) {
      // before the first logger: an operator command's stdout is its answer
      System.setProperty(LOG_TARGET, "System.err");
    }
    int code = run(args, System.getenv(), System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs a command until it ends (the service until it stops); returns the exit code. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(HELP);
      return USAGE;
    }
    if (args.length == 1 && isHelp(args[0])) {
      out.println(HELP);
      return 0;
    }
    String command = args[0];
    List<String> options = Arrays.asList(args).subList(1, args.length);
    boolean help = options.stream().anyMatch(Main::isHelp);
    ServiceConfig[] loaded = new ServiceConfig[1];
    try {
      switch (command) {
        case "dev", "start" -> {
          if (help) {
            out.println(command.equals("dev") ? DEV_HELP : START_HELP);
            return 0;
          }
          if (!options.isEmpty()) {
            throw new UsageException(command + " takes no options");
          }
          return serve(command.equals("dev") ? Mode.DEV : Mode.START, env, out, loaded);
        }
        case "migrate" -> {
          return help ? help(out, MigrateCommand.HELP) : MigrateCommand.run(options, env, out);
        }
        case "token" -> {
          return help
              ? help(out, TokenCommand.HELP)
              : TokenCommand.run(options, env, out, err, Clock.systemUTC());
        }
        case "check" -> {
          return help ? help(out, CheckCommand.HELP) : CheckCommand.run(options, env, out, err);
        }
        default -> {
          err.println(
              "report-service: unknown command '"
                  + String.join(" ", args)
                  + "' (use dev, start, migrate, token or check)");
          return USAGE;
        }
      }
    } catch (UsageException e) {
      err.println("report-service " + command + ": " + e.getMessage() + " (see --help)");
      err.flush();
      return USAGE;
    } catch (ConfigException e) {
      return fatal(err, loaded[0], e.getMessage(), StartupException.CONFIG, true);
    } catch (StartupException e) {
      log().debug("{} failed", command, e);
      return fatal(err, loaded[0], e.getMessage(), e.exitCode(), false);
    } catch (RuntimeException | Error e) {
      log().error("{} failed", command, e);
      return fatal(err, loaded[0], "unexpected error: " + e, StartupException.FAILED, false);
    }
  }

  private static int serve(
      Mode mode, Map<String, String> env, PrintStream out, ServiceConfig[] loaded) {
    ServiceConfig config = ServiceConfig.load(mode, env);
    loaded[0] = config;
    Application application = Application.start(config, out);
    Runtime.getRuntime().addShutdownHook(new Thread(application::close, "shutdown"));
    try {
      application.awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static boolean isHelp(String arg) {
    return arg.equals("help") || arg.equals("--help") || arg.equals("-h");
  }

  private static int help(PrintStream out, String text) {
    out.println(text);
    return 0;
  }

  /** Prints {@code message}: every line of a configuration error (one per setting), else one. */
  private static int fatal(
      PrintStream err, ServiceConfig config, String message, int code, boolean everyLine) {
    String text = message == null || message.isBlank() ? "no detail" : message;
    text.lines()
        .limit(everyLine ? Long.MAX_VALUE : 1)
        .map(line -> config == null ? line : config.redact(line))
        .forEach(line -> err.println("report-service: " + line));
    err.flush();
    return code;
  }

  private static Logger log() {
    return LoggerFactory.getLogger(Main.class);
  }
}
