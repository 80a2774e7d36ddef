package dev.reports.test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.reports.engine.EngineSchema;
import dev.reports.sql.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a fresh PostgreSQL database with the service's and the engine's migrations
 * applied (or none), and drops it afterwards. Register it as {@code @RegisterExtension static
 * PostgresDatabase db = new PostgresDatabase();}.
 *
 * <p>The server is {@code REPORTS_TEST_DB_URL} (an admin JDBC URL; user {@code
 * REPORTS_TEST_DB_USER}, default {@code postgres}), default the local server at 127.0.0.1:5432.
 * Where none answers and the process is not root, an embedded PostgreSQL is started once per JVM
 * instead, so a laptop with only a JDK passes too.
 */
public final class PostgresDatabase implements BeforeAllCallback, AfterAllCallback {
  public static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

  private static Server server;

  private final boolean migrate;
  private String name;
  private String url;
  private HikariDataSource dataSource;

  /** A database with every migration applied. */
  public PostgresDatabase() {
    this(true);
  }

  /** A database with every migration applied, or an empty one. */
  public PostgresDatabase(boolean migrate) {
    this.migrate = migrate;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Server s = server();
    name =
        ("t_" + context.getRequiredTestClass().getSimpleName() + "_" + UUID.randomUUID())
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_]", "");
    name = name.substring(0, Math.min(name.length(), 60));
    try (Connection c = s.admin();
        Statement st = c.createStatement()) {
      st.execute("create database " + name);
    }
    url = s.urlOf(name);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(s.user);
    config.setMaximumPoolSize(20);
    // several test JVMs share one server: open connections as tests need them
    config.setMinimumIdle(2);
    config.setPoolName("test-" + name);
    dataSource = new HikariDataSource(config);
    if (migrate) {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(Migrations.POSTGRESQL.toArray(String[]::new))
          .load()
          .migrate();
      EngineSchema.defaults().migrate(dataSource);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (dataSource != null) {
      dataSource.close();
    }
    try (Connection c = server().admin();
        Statement st = c.createStatement()) {
      st.execute("drop database if exists " + name + " with (force)");
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** The JDBC URL of this class's database, for a child JVM or a second pool. */
  public String url() {
    return url;
  }

  public String user() {
    return server().user;
  }

  /** The database's name. */
  public String name() {
    return name;
  }

  private static synchronized Server server() {
    if (server == null) {
      server = Server.find();
    }
    return server;
  }

  private record Server(String adminUrl, String user, EmbeddedPostgres embedded) {
    static Server find() {
      String url = System.getenv().getOrDefault("REPORTS_TEST_DB_URL", DEFAULT_ADMIN_URL);
      String user = System.getenv().getOrDefault("REPORTS_TEST_DB_USER", "postgres");
      try (Connection ignored = DriverManager.getConnection(url, user, null)) {
        return new Server(url, user, null);
      } catch (SQLException unreachable) {
        if ("root".equals(System.getProperty("user.name"))) {
          // initdb refuses to run as root; on such machines the server must be provided
          throw new IllegalStateException(
              "no PostgreSQL answers at "
                  + url
                  + " and embedded PostgreSQL cannot run as root; start one or set"
                  + " REPORTS_TEST_DB_URL",
              unreachable);
        }
        try {
          EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
          return new Server(pg.getJdbcUrl("postgres", "postgres"), "postgres", pg);
        } catch (java.io.IOException e) {
          throw new IllegalStateException("could not start embedded PostgreSQL", e);
        }
      }
    }

    Connection admin() throws SQLException {
      return DriverManager.getConnection(adminUrl, user, null);
    }

    String urlOf(String database) {
      int slash = adminUrl.lastIndexOf('/');
      int query = adminUrl.indexOf('?', slash);
      return adminUrl.substring(0, slash + 1)
          + database
          + (query < 0 ? "" : adminUrl.substring(query));
    }
  }
}
