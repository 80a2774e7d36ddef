package dev.reports.service;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A HikariCP pool as the HTTP API uses it: a shorter wait for a connection than the pool's own
 * timeout, so that the API answers 503 quickly while the database is away (the engine, on the same
 * pool, keeps its longer patience); and at most {@code share} connections at once, so that the
 * engine always has the rest. An API transaction that schedules a trigger holds its connection
 * while the engine takes a second one; with every connection held by such transactions, each would
 * wait for a second that never comes (32 clients creating at once on 20 connections did).
 *
 * <p>Waiting for the share is waiting on the API's own load, and gets the pool's full timeout;
 * waiting for the pool itself gets the short one.
 */
final class ImpatientDataSource implements DataSource {
  private final HikariDataSource pool;
  private final long timeoutMillis;
  private final long shareWaitMillis;
  private final Semaphore share;

  ImpatientDataSource(HikariDataSource pool, Duration timeout, int share, Duration shareWait) {
    this.pool = pool;
    this.timeoutMillis = timeout.toMillis();
    this.shareWaitMillis = shareWait.toMillis();
    this.share = new Semaphore(share, true);
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      if (!share.tryAcquire(shareWaitMillis, TimeUnit.MILLISECONDS)) {
        throw new SQLTransientConnectionException(
            "the API's share of the pool stayed in use for " + shareWaitMillis + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException("interrupted while waiting for a connection", e);
    }
    Connection connection;
    try {
      HikariPoolMXBean bean = pool.getHikariPoolMXBean();
      // the bean is the pool itself; a pool not (or no longer) running answers by its own rules
      connection =
          bean instanceof HikariPool hikari
              ? hikari.getConnection(timeoutMillis)
              : pool.getConnection();
    } catch (SQLException | RuntimeException e) {
      share.release();
      throw e;
    }
    return releasingOnClose(connection);
  }

  /** The connection, giving its place in the share back when it is closed (once). */
  private Connection releasingOnClose(Connection connection) {
    AtomicBoolean released = new AtomicBoolean();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              boolean closing = method.getName().equals("close") && method.getParameterCount() == 0;
              try {
                return method.invoke(connection, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              } finally {
                if (closing && released.compareAndSet(false, true)) {
                  share.release();
                }
              }
            });
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
