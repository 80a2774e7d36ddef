package dev.reports.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The engine's own tables: Quartz's job store, the delivery rate-limit permits, and the engine's
 * run ledger and delivery log. They ship in the engine jar as Flyway migrations at {@link
 * #LOCATION}, every table name behind a prefix (the Flyway placeholder {@value
 * #PREFIX_PLACEHOLDER}), and are recorded in a history table of their own.
 * <!-- sample: DataSource dataSource -->
 *
 * <pre>{@code
 * EngineSchema.withPrefix("").migrate(dataSource);   // or ReportEngine.migrate(dataSource)
 * }</pre>
 *
 * <p>A host that runs Flyway itself may instead run a second Flyway on {@link #location()} with
 * {@link #placeholders()} and {@link #historyTable()}. The engine {@link #check checks} the tables
 * when it is built and refuses to run without them.
 *
 * @param tablePrefix prepended to every table and index name of the engine: empty (the default) or
 *     up to 30 lower-case letters, digits and underscores, starting with a letter
 */
public record EngineSchema(String tablePrefix) {
  /** Where the migrations are, for PostgreSQL and for H2 in PostgreSQL mode alike. */
  public static final String LOCATION = "classpath:db/report-engine/postgresql";

  /** The Flyway placeholder the migrations put in front of every name. */
  public static final String PREFIX_PLACEHOLDER = "report_engine_prefix";

  /** The history table of the engine's migrations, behind the prefix. */
  public static final String HISTORY_TABLE = "report_engine_schema_history";

  /** The schema version this engine needs: its latest migration. */
  public static final String VERSION = "3";

  private static final Pattern PREFIX = Pattern.compile("([a-z][a-z0-9_]{0,29})?");

  // Every table the engine uses, with the columns a table must have for this version; a table
  // lacking one is older than the engine.
  private static final Map<String, List<String>> TABLES = requiredTables();

  public EngineSchema {
    Objects.requireNonNull(tablePrefix, "tablePrefix");
    if (!PREFIX.matcher(tablePrefix).matches()) {
      throw new ReportEngineException(
          "tablePrefix must be empty or up to 30 lower-case letters, digits and underscores"
              + " starting with a letter, was '"
              + tablePrefix
              + "'");
    }
  }

  /** The engine's tables under their default names (no prefix). */
  public static EngineSchema defaults() {
    return new EngineSchema("");
  }

  /** The engine's tables with this prefix in front of every name. */
  public static EngineSchema withPrefix(String tablePrefix) {
    return new EngineSchema(tablePrefix);
  }

  /** The Flyway location of the migrations: {@value #LOCATION}. */
  public String location() {
    return LOCATION;
  }

  /** The history table of the engine's migrations: the prefix and {@value #HISTORY_TABLE}. */
  public String historyTable() {
    return tablePrefix + HISTORY_TABLE;
  }

  /** The Flyway placeholders the migrations need. */
  public Map<String, String> placeholders() {
    return Map.of(PREFIX_PLACEHOLDER, tablePrefix);
  }

  /** The prefix of Quartz's tables ({@code qrtz_} behind the engine's prefix). */
  public String quartzTablePrefix() {
    return tablePrefix + "qrtz_";
  }

  /** The name of one of the engine's tables ({@code report_engine_runs}...) with the prefix. */
  public String table(String name) {
    return tablePrefix + name;
  }

  /** Every table the engine needs, with the prefix. */
  public List<String> tables() {
    return TABLES.keySet().stream().map(this::table).toList();
  }

  /**
   * What {@link #migrate} did.
   *
   * @param version the schema version of the engine's tables now
   * @param applied how many migrations it applied (0: the tables were up to date)
   */
  public record Migrated(String version, int applied) {}

  /**
   * Applies the migrations the database does not have yet. Safe to run on every start and from
   * several nodes at once (Flyway locks its history table). A database that already holds other
   * tables gets the engine's history table at version 0 first.
   */
  public Migrated migrate(DataSource dataSource) {
    try {
      MigrateResult result = flyway(dataSource).migrate();
      String version =
          result.targetSchemaVersion != null
              ? result.targetSchemaVersion
              : Objects.requireNonNullElse(result.initialSchemaVersion, VERSION);
      return new Migrated(version, result.migrationsExecuted);
    } catch (FlywayException e) {
      throw new ReportEngineException(
          "the report engine's tables cannot be migrated: " + firstLine(e.getMessage()), e);
    }
  }

  /**
   * Returns when every table of this version is there; throws {@link ReportEngineException} naming
   * the tables missing or too old, and how to create them, when not.
   */
  public void check(DataSource dataSource) {
    List<String> missing = new ArrayList<>();
    List<String> old = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      // PostgreSQL aborts a transaction at its first failed statement: probe each table on its own
      c.setAutoCommit(true);
      try {
        for (Map.Entry<String, List<String>> t : TABLES.entrySet()) {
          String table = table(t.getKey());
          if (!answers(c, "select 1 from " + table + " where 1 = 0")) {
            missing.add(table);
          } else if (!answers(
              c, "select " + String.join(", ", t.getValue()) + " from " + table + " where 1 = 0")) {
            old.add(table);
          }
        }
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new ReportEngineException(
          "cannot read the report engine's tables: " + firstLine(e.getMessage()), e);
    }
    if (missing.isEmpty() && old.isEmpty()) {
      return;
    }
    StringBuilder why = new StringBuilder();
    if (!missing.isEmpty()) {
      why.append("report engine tables missing: ").append(String.join(", ", missing));
    }
    if (!old.isEmpty()) {
      why.append(why.isEmpty() ? "" : "; ")
          .append("report engine tables older than version ")
          .append(VERSION)
          .append(": ")
          .append(String.join(", ", old));
    }
    why.append(" — apply ReportEngine.migrate(dataSource)")
        .append(tablePrefix.isEmpty() ? "" : " with table prefix '" + tablePrefix + "'")
        .append(" or add ")
        .append(LOCATION)
        .append(" to your Flyway (placeholder ")
        .append(PREFIX_PLACEHOLDER)
        .append(" = '")
        .append(tablePrefix)
        .append("')");
    throw new ReportEngineException(why.toString());
  }

  /**
   * True when the query runs; false when the database says a name in it does not exist (SQL state
   * class 42); any other failure (the database is down) is not a schema fault and is thrown.
   */
  private static boolean answers(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.executeQuery(sql).close();
      return true;
    } catch (SQLException e) {
      String state = e.getSQLState();
      if (state != null && state.startsWith("42")) {
        return false;
      }
      throw e;
    }
  }

  private Flyway flyway(DataSource dataSource) {
    return Flyway.configure(EngineSchema.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .table(historyTable())
        .placeholders(placeholders())
        // a database that already holds the host's tables: start the engine's history at 0, so
        // every migration of the engine still runs
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .baselineDescription("report engine schema")
        .load();
  }

  private static Map<String, List<String>> requiredTables() {
    Map<String, List<String>> t = new LinkedHashMap<>();
    for (String quartz :
        List.of(
            "job_details",
            "triggers",
            "simple_triggers",
            "cron_triggers",
            "simprop_triggers",
            "blob_triggers",
            "calendars",
            "paused_trigger_grps",
            "fired_triggers",
            "scheduler_state",
            "locks")) {
      t.put("qrtz_" + quartz, List.of("sched_name"));
    }
    t.put(
        "delivery_rate_permits",
        List.of("id", "limiter_key", "granted_at", "ended_at", "counts_until"));
    t.put(
        "report_engine_runs",
        List.of(
            "id",
            "schedule_id",
            "scheduled_for",
            "manual_key",
            "kind",
            "status",
            "node_id",
            "attempts",
            "started_at",
            "finished_at",
            "lease_expires_at",
            "row_count",
            "byte_size",
            "sha256",
            "error"));
    t.put(
        "report_engine_schedules",
        List.of(
            "schedule_id",
            "last_run_at",
            "last_run_status",
            "next_run_at",
            "consecutive_failures",
            "paused_reason"));
    t.put(
        "report_engine_deliveries",
        List.of(
            "id",
            "run_id",
            "schedule_id",
            "organization_id",
            "channel",
            "recipient_key",
            "status",
            "payload",
            "created_at",
            "updated_at"));
    return java.util.Collections.unmodifiableMap(t);
  }

  private static String firstLine(String message) {
    return message == null ? "no detail" : message.strip().lines().findFirst().orElse("no detail");
  }
}
