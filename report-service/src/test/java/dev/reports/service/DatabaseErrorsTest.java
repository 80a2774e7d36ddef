package dev.reports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reports.service.config.DatabaseSettings;
import dev.reports.service.config.DatabaseVendor;
import dev.reports.service.config.Secret;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A database that cannot be used stops the start with one line naming setting and server. */
class DatabaseErrorsTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase(false);
  static final String PASSWORD = "s3cret-Pa55word";

  static DatabaseSettings postgres(String url, String server, String name) {
    return postgres(url, "reports", server, name);
  }

  static DatabaseSettings postgres(String url, String user, String server, String name) {
    return new DatabaseSettings(
        DatabaseVendor.POSTGRESQL, url, user, Secret.of(PASSWORD), server, name);
  }

  static StartupException opening(DatabaseSettings settings) {
    StartupException e =
        catchThrowableOfType(StartupException.class, () -> Database.open(settings));
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("\n");
    return e;
  }

  @Test
  void aRefusedConnectionNamesTheUrlSettingAndTheServer() {
    StartupException e =
        opening(
            postgres(
                "jdbc:postgresql://127.0.0.1:1/reports?password=" + PASSWORD,
                "127.0.0.1:1",
                "reports"));
    assertThat(e.getMessage())
        .isEqualTo("REPORTS_DB_URL: cannot reach PostgreSQL at 127.0.0.1:1 (connection refused)");
    assertThat(e.exitCode()).isEqualTo(StartupException.UNAVAILABLE);
  }

  @Test
  void anUnknownHostIsSaidSo() {
    assertThat(
            opening(
                    postgres(
                        "jdbc:postgresql://no-such-host.invalid/reports",
                        "no-such-host.invalid:5432",
                        "reports"))
                .getMessage())
        .isEqualTo(
            "REPORTS_DB_URL: cannot reach PostgreSQL at no-such-host.invalid:5432 (unknown host)");
  }

  @Test
  void aMissingDatabaseIsNamed() {
    String url = db.url().replace("/" + db.name(), "/no_such_database");
    String server = url.replaceAll("^jdbc:postgresql://([^/]+)/.*$", "$1");
    assertThat(opening(postgres(url, db.user(), server, "no_such_database")).getMessage())
        .isEqualTo(
            "REPORTS_DB_URL: database 'no_such_database' does not exist on PostgreSQL at "
                + server);
  }

  @Test
  void rejectedCredentialsNameUserAndPasswordSettingsButNotThePassword() {
    StartupException e =
        Database.unreachable(
            postgres("jdbc:postgresql://db/reports", "db:5432", "reports"),
            new SQLException(
                "FATAL: password authentication failed for user \"reports\"", "28P01"));
    assertThat(e.getMessage())
        .isEqualTo(
            "REPORTS_DB_USER/REPORTS_DB_PASSWORD: PostgreSQL at db:5432 rejected user 'reports'");
  }

  @Test
  void aDevDatabaseInUseByAnotherProcessNamesTheDataFolder() {
    StartupException e =
        Database.unreachable(
            DatabaseSettings.h2(Path.of("/tmp/data/reports")),
            new SQLException("Database may be already in use", "90020", 90020));
    assertThat(e.getMessage())
        .isEqualTo(
            "REPORTS_DATA_DIR: the H2 file /tmp/data/reports is in use by another process"
                + " (is another dev instance running?)");
  }
}
