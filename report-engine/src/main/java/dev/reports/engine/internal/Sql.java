package dev.reports.engine.internal;

import dev.reports.engine.ReportEngineException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The little plain JDBC the engine's own tables need on PostgreSQL and on H2 (PostgreSQL mode):
 * transactions, and the two spellings of "the database's clock plus a lease".
 */
public final class Sql {
  private final DataSource dataSource;
  private volatile Boolean postgres;

  public Sql(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Work inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T in(Connection c) throws SQLException;
  }

  /** Runs {@code work} in one transaction; an SQL failure is a {@link ReportEngineException}. */
  public <T> T transaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.in(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new ReportEngineException("could not " + what + ": " + e.getMessage(), e);
    }
  }

  /** Whether the database is PostgreSQL (else H2 in PostgreSQL mode). */
  public boolean postgres() {
    Boolean p = postgres;
    if (p == null) {
      try (Connection c = dataSource.getConnection()) {
        p =
            c.getMetaData()
                .getDatabaseProductName()
                .toLowerCase(Locale.ROOT)
                .contains("postgresql");
      } catch (SQLException e) {
        throw new ReportEngineException("cannot reach the database: " + e.getMessage(), e);
      }
      postgres = p;
    }
    return p;
  }

  /** The database's clock plus a lease given in milliseconds as the statement's next parameter. */
  public String nowPlusMillis() {
    return postgres()
        ? "current_timestamp + ? * interval '1 millisecond'"
        : "dateadd(millisecond, ?, current_timestamp)";
  }

  /** Locks a row read by a fence: shared on PostgreSQL (writers side by side), H2 has only this. */
  public String lockForFence() {
    return postgres() ? " for share" : " for update";
  }

  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
