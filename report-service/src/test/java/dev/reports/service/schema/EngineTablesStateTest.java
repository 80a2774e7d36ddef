package dev.reports.service.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.service.Database;
import dev.reports.service.config.DatabaseSettings;
import dev.reports.service.config.DatabaseVendor;
import dev.reports.service.config.Secret;
import dev.reports.test.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service's view of its schema counts the report engine's tables too. */
class EngineTablesStateTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase(false);

  @Test
  void aSchemaWithTheServicesMigrationsButNotTheEnginesIsNotCurrentUntilMigrated() {
    Flyway.configure()
        .dataSource(db.dataSource())
        .locations(Database.migrations(DatabaseVendor.POSTGRESQL).toArray(String[]::new))
        .load()
        .migrate();
    DatabaseSettings settings =
        new DatabaseSettings(
            DatabaseVendor.POSTGRESQL, db.url(), db.user(), Secret.of(""), "test", db.name());
    try (Database database = Database.connect(settings)) {
      Database.Schema before = database.schema();
      assertThat(before.version()).contains("6.3");
      assertThat(before.pending()).isEmpty();
      assertThat(before.current()).isFalse();
      assertThat(before.engineTables())
          .get()
          .asString()
          .startsWith("report engine tables missing: qrtz_job_details, qrtz_triggers,")
          .contains("report_engine_runs");

      Database.Migrated migrated = database.migrate();

      assertThat(migrated.applied()).isZero();
      assertThat(migrated.engine().applied()).isEqualTo(3);
      assertThat(database.schema().current()).isTrue();
    }
  }
}
