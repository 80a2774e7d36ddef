package dev.reports.service;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A HikariCP pool seen with a shorter wait for a connection than the pool's own timeout: the HTTP
 * API answers 503 quickly while the database is away, while the engine, on the same pool, keeps its
 * longer patience.
 */
final class ImpatientDataSource implements DataSource {
  private final HikariDataSource pool;
  private final long timeoutMillis;

  ImpatientDataSource(HikariDataSource pool, Duration timeout) {
    this.pool = pool;
    this.timeoutMillis = timeout.toMillis();
  }

  @Override
  public Connection getConnection() throws SQLException {
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    // the bean is the pool itself; a pool not (or no longer) running answers by its own rules
    return bean instanceof HikariPool hikari
        ? hikari.getConnection(timeoutMillis)
        : pool.getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool's own credentials only");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || pool.isWrapperFor(type);
  }
}
