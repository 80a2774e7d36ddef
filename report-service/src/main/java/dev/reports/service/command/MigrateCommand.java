package dev.reports.service.command;

import dev.reports.service.Database;
import dev.reports.service.config.ServiceConfig;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code report-service migrate}: applies the pending migrations and exits. */
public final class MigrateCommand {
  public static final String HELP =
      """
      usage: report-service migrate

      Applies the database migrations this build carries that the database does not have yet,
      the service's and then the report engine's (start does the same before serving), prints
      both schema versions and exits. Safe to run
      while nodes serve and to run twice.

      Reads REPORTS_DB_URL, REPORTS_DB_USER and REPORTS_DB_PASSWORD. Exit codes: 0 migrated (or
      nothing to do), 2 configuration, 69 database unreachable, 70 a migration failed.""";

  private MigrateCommand() {}

  /** Runs the command; returns its exit code. */
  public static int run(List<String> args, Map<String, String> env, PrintStream out) {
    Options.none(args);
    ServiceConfig config = ServiceConfig.loadForCommand(env, false);
    try (Database database = Database.connect(config.database())) {
      Database.Migrated result = database.migrate();
      out.println(
          config.database().location()
              + ": schema at version "
              + result.version().orElse("none")
              + ", "
              + result.applied()
              + " migration(s) applied; engine tables at version "
              + result.engine().version()
              + ", "
              + result.engine().applied()
              + " migration(s) applied");
    }
    out.flush();
    return 0;
  }
}
