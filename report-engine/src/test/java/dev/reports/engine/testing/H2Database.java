package dev.reports.engine.testing;

import dev.reports.engine.EngineSchema;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A fresh in-memory H2 database in PostgreSQL mode (as the service's dev mode), engine migrated.
 */
public final class H2Database {
  private H2Database() {}

  /** A new database with the engine's tables under {@code schema}'s prefix. */
  public static DataSource migrated(EngineSchema schema) {
    DataSource dataSource =
        JdbcConnectionPool.create(
            "jdbc:h2:mem:engine-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";DB_CLOSE_DELAY=-1",
            "sa",
            "");
    schema.migrate(dataSource);
    return dataSource;
  }
}
