package dev.reports.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.reports.engine.EngineSchema;
import dev.reports.engine.ReportEngineException;
import dev.reports.service.config.DatabaseSettings;
import dev.reports.service.config.DatabaseVendor;
import dev.reports.service.config.Setting;
import dev.reports.sql.Migrations;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's database: a HikariCP pool, the schema migrated to the latest version (the service's
 * own migrations from the {@code sql} module, then the report engine's, each with its own history
 * table), and a jOOQ {@link DSLContext} in the right dialect. Opening it fails with a one-line
 * {@link StartupException} that names the setting and the server, never the password.
 */
public final class Database implements AutoCloseable {
  /** How long a caller waits for a pooled connection before giving up. */
  static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How long an HTTP API request waits for a pooled connection ({@link #apiDataSource()}): short,
   * because while the database is unreachable the request waits this long before its 503. A healthy
   * pool hands a connection over in microseconds. The engine keeps {@link #CONNECTION_TIMEOUT}: its
   * retries of a run's steps count on each try's patience.
   */
  public static final Duration API_CONNECTION_TIMEOUT = Duration.ofMillis(1_500);

  /** How long a connection's liveness check may take; below {@link #API_CONNECTION_TIMEOUT}. */
  static final Duration VALIDATION_TIMEOUT = Duration.ofMillis(1_000);

  static final int POOL_SIZE = 20;

  /**
   * How many of the pool's connections the HTTP API holds at most at once; the engine always has
   * the rest (an API transaction that schedules a trigger needs one of them too).
   */
  static final int API_SHARE = 12;

  static final int MIN_IDLE = 2;

  /** The report engine's tables, under their default names (those the service always had). */
  public static final EngineSchema ENGINE_SCHEMA = EngineSchema.defaults();

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  static {
    // jOOQ greets with a banner and tips on first use; a service log has no room for them
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  private final DatabaseSettings settings;
  private final HikariDataSource pool;
  private final DSLContext dsl;
  private final DataSource apiDataSource;

  private Database(DatabaseSettings settings, HikariDataSource pool) {
    this.settings = settings;
    this.pool = pool;
    this.dsl = DSL.using(pool, dialect(settings.vendor()));
    this.apiDataSource =
        new ImpatientDataSource(pool, API_CONNECTION_TIMEOUT, API_SHARE, CONNECTION_TIMEOUT);
  }

  /** Connects, then migrates the schema to the latest version. */
  public static Database open(DatabaseSettings settings) {
    Database database = connect(settings);
    try {
      database.migrate();
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** Connects without touching the schema (operator commands that only read or check it). */
  public static Database connect(DatabaseSettings settings) {
    return new Database(settings, pool(settings));
  }

  /**
   * Where the schema stands against the migrations this build carries: the applied version, and the
   * migrations still pending or failed (each by version and description).
   */
  public Schema schema() {
    try {
      MigrationInfoService info = flyway().info();
      MigrationInfo current = info.current();
      List<String> pending =
          Arrays.stream(info.all())
              // ignored: a migration older than the applied version that was never applied
              .filter(
                  m ->
                      m.getState() == MigrationState.PENDING
                          || m.getState() == MigrationState.IGNORED)
              .map(Database::describe)
              .collect(Collectors.toList());
      List<String> failed =
          Arrays.stream(info.all())
              .filter(m -> m.getState().isFailed())
              .map(Database::describe)
              .collect(Collectors.toList());
      Optional<String> engineTables;
      try {
        ENGINE_SCHEMA.check(pool);
        engineTables = Optional.empty();
      } catch (ReportEngineException e) {
        engineTables = Optional.of(e.getMessage());
      }
      return new Schema(
          current == null || current.getVersion() == null
              ? Optional.empty()
              : Optional.of(current.getVersion().getVersion()),
          pending,
          failed,
          engineTables);
    } catch (FlywayException e) {
      throw new StartupException(
          StartupException.FAILED,
          "the schema of "
              + settings.location()
              + " cannot be read: "
              + firstLine(settings, e.getMessage()),
          e);
    }
  }

  private static String describe(MigrationInfo migration) {
    return (migration.getVersion() == null ? "repeatable" : "V" + migration.getVersion())
        + " "
        + migration.getDescription();
  }

  /**
   * The schema's state.
   *
   * @param version the version applied last; empty on an empty database
   * @param pending migrations of this build not applied yet
   * @param failed migrations whose last attempt failed
   * @param engineTables what the report engine's tables lack, or empty when they are all there
   */
  public record Schema(
      Optional<String> version,
      List<String> pending,
      List<String> failed,
      Optional<String> engineTables) {
    /** Whether every migration of this build is applied, none failed, the engine's included. */
    public boolean current() {
      return pending.isEmpty() && failed.isEmpty() && engineTables.isEmpty();
    }
  }

  /**
   * What {@link #migrate} did.
   *
   * @param version the service's schema version now, or empty when it has none
   * @param applied the service's migrations it applied
   * @param engine what it did to the report engine's tables
   */
  public record Migrated(Optional<String> version, int applied, EngineSchema.Migrated engine) {}

  public DataSource dataSource() {
    return pool;
  }

  /**
   * The same pool for the HTTP API: a request waits at most {@link #API_CONNECTION_TIMEOUT} for a
   * connection, and fails with a {@link java.sql.SQLTransientConnectionException} after that.
   */
  public DataSource apiDataSource() {
    return apiDataSource;
  }

  /** A jOOQ context on {@link #apiDataSource()}, in this database's dialect. */
  public DSLContext apiDsl() {
    return DSL.using(apiDataSource, dialect(settings.vendor()));
  }

  /** A jOOQ context on the pool, in this database's dialect. */
  public DSLContext dsl() {
    return dsl;
  }

  public DatabaseVendor vendor() {
    return settings.vendor();
  }

  public DatabaseSettings settings() {
    return settings;
  }

  /** The jOOQ dialect of a vendor. */
  public static SQLDialect dialect(DatabaseVendor vendor) {
    return switch (vendor) {
      case POSTGRESQL -> SQLDialect.POSTGRES;
      case H2 -> SQLDialect.H2;
    };
  }

  /** The Flyway locations a vendor migrates from. */
  public static List<String> migrations(DatabaseVendor vendor) {
    return switch (vendor) {
      case POSTGRESQL -> Migrations.POSTGRESQL;
      case H2 -> Migrations.H2;
    };
  }

  @Override
  public void close() {
    pool.close();
  }

  private static HikariDataSource pool(DatabaseSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("reports-db");
    config.setJdbcUrl(settings.url());
    if (!settings.user().isEmpty()) {
      config.setUsername(settings.user());
    }
    if (!settings.password().reveal().isEmpty()) {
      config.setPassword(settings.password().reveal());
    }
    config.setMaximumPoolSize(POOL_SIZE);
    // grow on demand: an idle node should not hold a fifth of a default server's connections
    config.setMinimumIdle(MIN_IDLE);
    config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
    if (settings.vendor() == DatabaseVendor.POSTGRESQL) {
      // a silent network drop must not hang the start; the URL's own values take precedence
      config.addDataSourceProperty("connectTimeout", "10");
      config.addDataSourceProperty("ApplicationName", "report-service");
    }
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw unreachable(settings, e.getCause() == null ? e : e.getCause());
    }
  }

  private Flyway flyway() {
    return Flyway.configure()
        .dataSource(pool)
        .locations(migrations(settings.vendor()).toArray(String[]::new))
        // V3, V3_4 and V4 (Quartz's tables and the rate permits) moved to the report engine's own
        // migrations, which adopt the tables they created (docs/engine.md); databases that applied
        // them keep them in their history
        .ignoreMigrationPatterns("*:missing")
        .load();
  }

  /**
   * Migrates the service's schema, then the report engine's tables, to the latest version; a
   * failure names the database, never a secret.
   */
  public Migrated migrate() {
    long started = System.nanoTime();
    try {
      MigrateResult result = flyway().migrate();
      EngineSchema.Migrated engine = ENGINE_SCHEMA.migrate(pool);
      Optional<String> version =
          Optional.ofNullable(
              Optional.ofNullable(result.targetSchemaVersion).orElse(result.initialSchemaVersion));
      log.info(
          "Database {}: schema at version {}, {} migration(s) applied; engine tables at version {},"
              + " {} migration(s) applied; in {} ms",
          settings.location(),
          version.orElse("none"),
          result.migrationsExecuted,
          engine.version(),
          engine.applied(),
          (System.nanoTime() - started) / 1_000_000);
      return new Migrated(version, result.migrationsExecuted, engine);
    } catch (ReportEngineException e) {
      throw new StartupException(
          StartupException.FAILED,
          "the report engine's tables in "
              + settings.location()
              + " cannot be migrated: "
              + firstLine(settings, e.getMessage()),
          e);
    } catch (FlywayException e) {
      throw new StartupException(
          StartupException.FAILED,
          "the schema of "
              + settings.location()
              + " cannot be migrated: "
              + firstLine(settings, e.getMessage()),
          e);
    }
  }

  /** The one line that says why the database could not be reached, and which setting to check. */
  static StartupException unreachable(DatabaseSettings settings, Throwable cause) {
    String location = settings.location();
    if (settings.vendor() == DatabaseVendor.H2) {
      String why =
          cause instanceof SQLException sql && sql.getErrorCode() == 90020
              ? "is in use by another process (is another dev instance running?)"
              : "cannot be opened: " + firstLine(settings, cause.getMessage());
      return new StartupException(
          StartupException.UNAVAILABLE, Setting.DATA_DIR + ": the " + location + " " + why, cause);
    }
    String state = cause instanceof SQLException sql ? String.valueOf(sql.getSQLState()) : "";
    String message;
    if (state.equals("28P01") || state.equals("28000")) {
      message =
          Setting.DB_USER
              + "/"
              + Setting.DB_PASSWORD
              + ": PostgreSQL at "
              + settings.server()
              + " rejected user '"
              + settings.user()
              + "'";
    } else if (state.equals("3D000")) {
      message =
          Setting.DB_URL
              + ": database '"
              + settings.name()
              + "' does not exist on PostgreSQL at "
              + settings.server();
    } else {
      message =
          Setting.DB_URL
              + ": cannot reach PostgreSQL at "
              + settings.server()
              + " ("
              + networkReason(settings, cause)
              + ")";
    }
    return new StartupException(StartupException.UNAVAILABLE, message, cause);
  }

  private static String networkReason(DatabaseSettings settings, Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return "unknown host";
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return t.getMessage() == null ? "connection refused" : t.getMessage().toLowerCase();
      }
      if (t instanceof SocketTimeoutException) {
        return "no answer: connection timed out";
      }
    }
    return firstLine(settings, error.getMessage());
  }

  private static String firstLine(DatabaseSettings settings, String message) {
    if (message == null || message.isBlank()) {
      return "no detail";
    }
    String line = message.strip().lines().findFirst().orElse("");
    String password = settings.password().reveal();
    return password.isEmpty() ? line : line.replace(password, "***");
  }
}
