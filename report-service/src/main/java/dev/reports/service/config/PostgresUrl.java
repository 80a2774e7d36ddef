package dev.reports.service.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The parts of a PostgreSQL JDBC URL that errors may show: hosts and database, nothing else. */
record PostgresUrl(String server, String database) {
  static final String PREFIX = "jdbc:postgresql:";

  /** Parses {@code jdbc:postgresql://host[:port][,host[:port]]/database[?params]} and its forms. */
  static PostgresUrl parse(String url) {
    if (!url.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL");
    }
    String rest = url.substring(PREFIX.length());
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    if (!rest.startsWith("//")) {
      // jdbc:postgresql:database — the driver's default host and port
      return new PostgresUrl("localhost:5432", rest);
    }
    rest = rest.substring(2);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String database = slash < 0 ? "" : rest.substring(slash + 1);
    if (authority.contains("@")) {
      // the driver takes credentials from parameters only; user:password@ would be sent as a host
      throw new IllegalArgumentException("credentials belong in REPORTS_DB_USER/PASSWORD");
    }
    String server =
        authority.isEmpty()
            ? "localhost:5432"
            : Arrays.stream(authority.split(","))
                .map(PostgresUrl::withPort)
                .collect(Collectors.joining(","));
    return new PostgresUrl(server, database);
  }

  private static String withPort(String host) {
    boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.indexOf(':') >= 0;
    return hasPort ? host : host + ":5432";
  }
}
