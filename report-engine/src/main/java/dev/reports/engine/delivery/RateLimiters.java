package dev.reports.engine.delivery;

import dev.reports.engine.delivery.internal.DatabaseRateLimiter;
import dev.reports.engine.delivery.internal.LocalRateLimiters;
import javax.sql.DataSource;

/** The rate limiters the engine ships with. */
public final class RateLimiters {
  private RateLimiters() {}

  /**
   * One budget per key for every thread of this JVM: enough for a single node, and what channels
   * use outside an engine.
   */
  public static RateLimiter inMemory() {
    return LocalRateLimiters.JVM;
  }

  /**
   * One budget per key for every node whose engine uses this PostgreSQL database (the schema's
   * {@code delivery_rate_permits} table), by the database's clock. The default of an engine on
   * PostgreSQL.
   */
  public static RateLimiter database(DataSource dataSource) {
    return database(dataSource, "");
  }

  /** The same, on the permits table of an engine whose tables have {@code tablePrefix}. */
  public static RateLimiter database(DataSource dataSource, String tablePrefix) {
    return new DatabaseRateLimiter(
        dataSource,
        DatabaseRateLimiter.DEFAULT_LEASE,
        dev.reports.engine.EngineSchema.withPrefix(tablePrefix)
            .table(DatabaseRateLimiter.DEFAULT_TABLE));
  }
}
