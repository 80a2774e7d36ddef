package dev.reports.service.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * A jOOQ statement built and rendered once, then run many times with new values on plain JDBC, as
 * jOOQ's manual advises for hot statements: rendering the run ledger's statements again for every
 * run was a quarter of the run threads' CPU when thousands of schedules fired at once. Every value
 * that changes is a named {@link org.jooq.impl.DSL#param(String, org.jooq.Field) param} (a name may
 * appear more than once); constants are {@link org.jooq.impl.DSL#inline(Object) inlined}.
 */
final class RenderedQuery {
  private final String sql;
  private final List<String> names;
  private final int[] types;

  RenderedQuery(DSLContext dsl, Query query) {
    this.sql = dsl.render(query);
    this.names = markers(dsl.renderNamedParams(query));
    Map<String, Param<?>> params = query.getParams();
    if (names.size() != query.getBindValues().size() || !params.keySet().containsAll(names)) {
      throw new IllegalArgumentException(
          "every value of a rendered query must be a named param: " + sql);
    }
    this.types = names.stream().mapToInt(n -> params.get(n).getDataType().getSQLType()).toArray();
  }

  /** The statement's SQL, with a {@code ?} for each param. */
  String sql() {
    return sql;
  }

  /**
   * Runs the statement on {@code dsl}'s connection (its transaction's, inside one); fails as jOOQ
   * would, with an {@link IntegrityConstraintViolationException} for a violated constraint.
   */
  int execute(DSLContext dsl, Map<String, ?> values) {
    return dsl.connectionResult(
        c -> {
          try {
            return execute(c, values);
          } catch (SQLException e) {
            String state = e.getSQLState();
            String message = "SQL [" + sql + "]; " + e.getMessage();
            throw state != null && state.startsWith("23")
                ? new IntegrityConstraintViolationException(message, e)
                : new DataAccessException(message, e);
          }
        });
  }

  private int execute(Connection c, Map<String, ?> values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        if (!values.containsKey(name)) {
          throw new IllegalArgumentException("no value for " + name + " in " + sql);
        }
        Object value = values.get(name);
        if (value == null) {
          ps.setNull(i + 1, types[i]);
        } else {
          ps.setObject(i + 1, value);
        }
      }
      return ps.executeUpdate();
    }
  }

  // The ":name" placeholders of a rendering with named params, in order; quoted text skipped.
  static List<String> markers(String named) {
    List<String> found = new ArrayList<>();
    char quote = 0;
    for (int i = 0; i < named.length(); i++) {
      char ch = named.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
      } else if (ch == ':' && i + 1 < named.length() && isNameStart(named.charAt(i + 1))) {
        int end = i + 1;
        while (end < named.length()
            && (Character.isLetterOrDigit(named.charAt(end)) || named.charAt(end) == '_')) {
          end++;
        }
        found.add(named.substring(i + 1, end));
        i = end - 1;
      }
    }
    return found;
  }

  private static boolean isNameStart(char ch) {
    return Character.isLetter(ch) || ch == '_';
  }
}
