package dev.reports.service.api;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a failure caused by an unreachable database — no pooled connection within its timeout, a
 * connection refused or cut, the server shutting down — from any other, by its cause chain. Such a
 * request is answered 503 with {@code Retry-After}, not 500: nothing is wrong with it, and it will
 * succeed once the database is back (the pool reconnects by itself).
 */
final class DatabaseOutage {
  /** Seconds a client is asked to wait before trying again. */
  static final int RETRY_AFTER_SECONDS = 2;

  // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now; class 08: connection
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");

  private DatabaseOutage() {}

  static boolean causedBy(Throwable error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException
          || t instanceof ConnectException
          || t instanceof NoRouteToHostException
          || t instanceof SocketTimeoutException
          || t instanceof SocketException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || UNAVAILABLE_STATES.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }
}
