package dev.reports.sql;

import java.util.List;

/**
 * Where the service's Flyway migrations live on the classpath: the host's tables and the service's
 * own (the report engine's tables are the engine jar's migrations, see docs/engine.md). The schema
 * is written once, for PostgreSQL; H2 (dev mode, PostgreSQL compatibility mode) replays the same
 * files after a small prelude that teaches it the PostgreSQL type names they use.
 *
 * <p>Versions 3, 3.4 and 4 (Quartz's tables, their acquisition index, the rate permits) were moved
 * to the engine; a Flyway on these locations must ignore them as missing ({@code
 * ignoreMigrationPatterns("*:missing")}) on databases that applied them.
 */
public final class Migrations {
  /** The locations to migrate a PostgreSQL database from. */
  public static final List<String> POSTGRESQL = List.of("classpath:db/migration/postgresql");

  /** The locations to migrate an H2 database (in PostgreSQL mode) from. */
  public static final List<String> H2 =
      List.of("classpath:db/migration/postgresql", "classpath:db/migration/h2");

  private Migrations() {}
}
