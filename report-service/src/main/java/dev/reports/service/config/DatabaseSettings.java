package dev.reports.service.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach the database.
 *
 * @param vendor PostgreSQL, or H2 in {@code dev}
 * @param url the JDBC URL; never print it, it may carry a password parameter
 * @param user the user name, or empty for the driver's default
 * @param password the password, or an empty secret
 * @param server where the database runs, safe to print: {@code host:port} list for PostgreSQL, the
 *     file for H2
 * @param name the database's name (PostgreSQL) or file (H2)
 */
public record DatabaseSettings(
    DatabaseVendor vendor, String url, String user, Secret password, String server, String name) {

  /** The H2 settings of a {@code dev} database kept in {@code file} (no extension). */
  public static DatabaseSettings h2(Path file) {
    String path = file.toAbsolutePath().normalize().toString();
    String url =
        "jdbc:h2:file:"
            + path
            // PostgreSQL's identifier case and null ordering; the service closes the database
            // itself at shutdown, after the last request, so H2 must not close it earlier
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";DB_CLOSE_ON_EXIT=FALSE";
    return new DatabaseSettings(DatabaseVendor.H2, url, "sa", Secret.of(""), path, path);
  }

  public DatabaseSettings {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** Where the database is, for logs and errors: the server and database, never the URL. */
  public String location() {
    return vendor == DatabaseVendor.H2
        ? "H2 file " + server
        : "PostgreSQL at " + server + "/" + name;
  }

  @Override
  public String toString() {
    return "DatabaseSettings[" + location() + ", user=" + user + "]";
  }
}
