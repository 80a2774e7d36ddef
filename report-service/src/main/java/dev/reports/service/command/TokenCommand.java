package dev.reports.service.command;

import static dev.reports.jooq.Tables.USERS;

import dev.reports.service.Database;
import dev.reports.service.StartupException;
import dev.reports.service.config.ServiceConfig;
import dev.reports.service.dev.DemoToken;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Record1;
import org.jooq.exception.DataAccessException;

/**
 * {@code report-service token --user <uuid> [--ttl 30d]}: prints, alone on stdout, an API token for
 * an active user, signed like every API token with {@code REPORTS_JWT_SECRET}.
 */
public final class TokenCommand {
  /** sysexits' EX_NOUSER: the user is unknown or deactivated. */
  public static final int NO_USER = 67;

  /** The longest validity a token may be given. */
  static final Duration MAX_TTL = Duration.ofDays(365);

  public static final String HELP =
      """
      usage: report-service token --user <uuid> [--ttl <duration>]

      Prints an API token for an active user, alone on stdout, e.g.
        export TOKEN=$(report-service token --user 0b8e…)

        --user <uuid>  the user the token acts for: it must exist and not be deactivated
        --ttl <n><u>   how long the token is valid: a number and a unit, d (days), h (hours) or
                       m (minutes), at most 365d; default 30d

      Reads REPORTS_DB_URL, REPORTS_DB_USER, REPORTS_DB_PASSWORD and REPORTS_JWT_SECRET, as start
      does. Exit codes: 0 printed, 2 configuration, 64 bad option, 67 unknown or deactivated
      user, 69 database unreachable, 70 other failure (e.g. the schema is not migrated).""";

  private static final Pattern TTL = Pattern.compile("([0-9]{1,6})([dhm])");

  private TokenCommand() {}

  /** Runs the command; returns its exit code. */
  public static int run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
    Map<String, String> options = Options.parse(args, Set.of("user", "ttl"));
    if (!options.containsKey("user")) {
      throw new UsageException("--user <uuid> is required");
    }
    UUID userId = userId(options.get("user"));
    Duration ttl = ttl(options.getOrDefault("ttl", "30d"));
    ServiceConfig config = ServiceConfig.loadForCommand(env, true);
    try (Database database = Database.connect(config.database())) {
      Optional<OffsetDateTime> deactivated;
      try {
        Optional<Record1<OffsetDateTime>> user =
            database
                .dsl()
                .select(USERS.DEACTIVATED_AT)
                .from(USERS)
                .where(USERS.ID.eq(userId))
                .fetchOptional();
        if (user.isEmpty()) {
          err.println("report-service token: no user " + userId);
          return NO_USER;
        }
        deactivated = Optional.ofNullable(user.get().value1());
      } catch (DataAccessException e) {
        throw new StartupException(
            StartupException.FAILED,
            "cannot read the users of "
                + config.database().location()
                + " (is the schema migrated? run `report-service migrate`)",
            e);
      }
      if (deactivated.isPresent()) {
        err.println(
            "report-service token: user " + userId + " is deactivated (" + deactivated.get() + ")");
        return NO_USER;
      }
    }
    out.println(DemoToken.mint(config.jwtSecret(), userId, clock.instant(), ttl));
    out.flush();
    return 0;
  }

  private static UUID userId(String raw) {
    try {
      if (raw.length() == 36) {
        return UUID.fromString(raw);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new UsageException("--user must be a user's id (a UUID), got '" + raw + "'");
  }

  /** {@code 30d}, {@code 12h}, {@code 90m}: positive, at most {@link #MAX_TTL}. */
  static Duration ttl(String raw) {
    Matcher m = TTL.matcher(raw);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration ttl =
          switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
          };
      if (!ttl.isZero() && ttl.compareTo(MAX_TTL) <= 0) {
        return ttl;
      }
    }
    throw new UsageException(
        "--ttl must be a positive duration such as 30d, 12h or 90m, at most 365d, got '"
            + raw
            + "'");
  }
}
