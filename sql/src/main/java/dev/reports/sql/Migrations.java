package dev.reports.sql;

import java.util.List;

/**
 * Where the schema's Flyway migrations live on the classpath. The schema is written once, for
 * PostgreSQL; H2 (dev mode, PostgreSQL compatibility mode) replays the same files after a small
 * prelude that teaches it the PostgreSQL type names they use.
 */
public final class Migrations {
  /** The locations to migrate a PostgreSQL database from. */
  public static final List<String> POSTGRESQL = List.of("classpath:db/migration/postgresql");

  /** The locations to migrate an H2 database (in PostgreSQL mode) from. */
  public static final List<String> H2 =
      List.of("classpath:db/migration/postgresql", "classpath:db/migration/h2");

  private Migrations() {}
}
