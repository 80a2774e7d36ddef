package dev.reports.service.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.reports.sql.Migrations;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/**
 * A PostgreSQL server the harness owns: its own data directory and port, started and stopped by the
 * harness, so that a scenario can take the database away from the nodes. The binaries are {@code
 * -Dpostgres.bin} (default {@value #DEFAULT_BIN}). PostgreSQL refuses to run as root: as root the
 * server runs as the {@code postgres} user through {@code runuser}.
 */
final class OwnedPostgres implements AutoCloseable {
  static final String DEFAULT_BIN = "/usr/lib/postgresql/15/bin";
  static final String USER = "postgres";

  private final Path bin;
  private final Path dir;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser;

  private OwnedPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** Why this machine cannot run an owned server, or empty when it can. */
  static Optional<String> unavailable() {
    Path bin = bin();
    if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
      return Optional.of("no PostgreSQL binaries in " + bin + " (set -Dpostgres.bin)");
    }
    if (root()) {
      if (!Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(runuser())) {
        return Optional.of("running as root without runuser: PostgreSQL refuses to run as root");
      }
      try {
        lookup().lookupPrincipalByName(USER);
      } catch (IOException noSuchUser) {
        return Optional.of("running as root and there is no '" + USER + "' user to run PostgreSQL");
      }
    }
    return Optional.empty();
  }

  /** initdb a fresh data directory on a free port, and start the server. */
  static OwnedPostgres start() throws Exception {
    Path dir = Files.createTempDirectory("cluster-pg");
    boolean asPostgres = root();
    if (asPostgres) {
      Files.setOwner(dir, lookup().lookupPrincipalByName(USER));
    }
    OwnedPostgres pg = new OwnedPostgres(bin(), dir, freePort(), asPostgres);
    pg.run(
        "initdb",
        "-D",
        pg.data.toString(),
        "-A",
        "trust",
        "-U",
        USER,
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync");
    pg.startServer();
    return pg;
  }

  /** Starts the (stopped) server again on the same port and data, waiting until it accepts. */
  void startServer() throws Exception {
    run(
        "pg_ctl",
        "-D",
        data.toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        // no fsync: only the server process stops, never the machine, so what the server wrote is
        // kept; commits stay synchronous, or an immediate stop would lose acknowledged commits
        "-p "
            + port
            + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
            + dir
            + " -c max_connections=200 -c fsync=off -c full_page_writes=off",
        "start");
  }

  /**
   * Stops the server: {@code fast} disconnects every client and shuts down cleanly, {@code
   * immediate} aborts as a crash would (recovery on the next start).
   */
  void stopServer(String mode) throws Exception {
    run("pg_ctl", "-D", data.toString(), "-m", mode, "-w", "-t", "60", "stop");
  }

  /** Creates {@code name} and migrates it; returns a pool on it for the harness. */
  HikariDataSource createDatabase(String name) throws Exception {
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, null);
        Statement st = c.createStatement()) {
      st.execute("create database " + name);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url(name));
    config.setUsername(USER);
    config.setMaximumPoolSize(10);
    config.setMinimumIdle(1);
    config.setPoolName("harness-" + name);
    HikariDataSource pool = new HikariDataSource(config);
    Flyway.configure()
        .dataSource(pool)
        .locations(Migrations.POSTGRESQL.toArray(String[]::new))
        .load()
        .migrate();
    dev.reports.engine.EngineSchema.defaults().migrate(pool);
    return pool;
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The server's log, for a failure message. */
  String log() {
    try {
      return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no server log: " + e + ")";
    }
  }

  @Override
  public void close() throws Exception {
    try {
      run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    } catch (IllegalStateException alreadyStopped) {
      // nothing to stop
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private void run(String tool, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    if (asPostgresUser) {
      command.addAll(List.of(runuser().toString(), "-u", USER, "--"));
    }
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of(args));
    Path output = Files.createTempFile("pg-" + tool, ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(tool + " did not finish within 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " exited "
                + process.exitValue()
                + ":\n"
                + Files.readString(output)
                + "\n"
                + log());
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static Path bin() {
    return Path.of(System.getProperty("postgres.bin", DEFAULT_BIN));
  }

  private static Path runuser() {
    return Files.isExecutable(Path.of("/usr/sbin/runuser"))
        ? Path.of("/usr/sbin/runuser")
        : Path.of("/sbin/runuser");
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static UserPrincipalLookupService lookup() {
    return Path.of("/").getFileSystem().getUserPrincipalLookupService();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
