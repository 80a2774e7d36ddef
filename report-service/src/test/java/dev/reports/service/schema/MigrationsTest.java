package dev.reports.service.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.service.Database;
import dev.reports.service.config.DatabaseSettings;
import dev.reports.service.config.DatabaseVendor;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's migrations and the report engine's apply on an empty PostgreSQL and an empty H2,
 * and give both the same tables.
 */
class MigrationsTest {
  @RegisterExtension static PostgresDatabase empty = new PostgresDatabase(false);

  @TempDir Path dir;

  @Test
  void migrationsApplyOnAnEmptyPostgresDatabaseOnceAndOnlyOnce() throws SQLException {
    Flyway flyway = flyway(empty.dataSource(), DatabaseVendor.POSTGRESQL);
    assertThat(flyway.migrate().migrationsExecuted).isEqualTo(7);
    assertThat(flyway.migrate().migrationsExecuted).isZero();
    assertThat(flyway.info().applied())
        .extracting(MigrationInfo::getState)
        .containsOnly(MigrationState.SUCCESS);
    assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("6.3");
    // the engine's tables are the engine's migrations' business now
    assertThat(columns(empty.dataSource()).keySet())
        .noneMatch(t -> t.startsWith("qrtz_"))
        .doesNotContain("delivery_rate_permits");
    assertThat(Database.ENGINE_SCHEMA.migrate(empty.dataSource()).applied()).isEqualTo(3);
    // Quartz 2.5.2's eleven tables came with them
    assertThat(columns(empty.dataSource()).keySet().stream().filter(t -> t.startsWith("qrtz_")))
        .hasSize(11);
  }

  @Test
  void migrationsApplyOnAnEmptyH2DatabaseAfterItsPrelude() {
    try (Database h2 = Database.open(DatabaseSettings.h2(dir.resolve("reports")))) {
      Flyway flyway = flyway(h2.dataSource(), DatabaseVendor.H2);
      assertThat(flyway.info().applied())
          .extracting(m -> m.getVersion().getVersion())
          .containsExactly("0", "1", "2", "3.3", "5.2", "5.2.1", "6.2", "6.2.1", "6.3");
      Database.ENGINE_SCHEMA.check(h2.dataSource());
      assertThat(flyway.migrate().migrationsExecuted).isZero();
    }
  }

  @Test
  void h2GetsTheSameTablesColumnsAndNullabilityAsPostgres() throws SQLException {
    flyway(empty.dataSource(), DatabaseVendor.POSTGRESQL).migrate();
    Database.ENGINE_SCHEMA.migrate(empty.dataSource());
    Map<String, Map<String, String>> postgres = columns(empty.dataSource());
    Map<String, Map<String, String>> h2;
    try (Database database = Database.open(DatabaseSettings.h2(dir.resolve("same")))) {
      h2 = columns(database.dataSource());
    }
    assertThat(postgres)
        .containsKey("videos_with_statistics_fast")
        .containsKey("shared_report_runs")
        .containsKey("qrtz_triggers")
        .containsKey("report_engine_deliveries");
    assertThat(h2).isEqualTo(postgres);
  }

  private static Flyway flyway(DataSource dataSource, DatabaseVendor vendor) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(Database.migrations(vendor).toArray(String[]::new))
        .ignoreMigrationPatterns("*:missing")
        .load();
  }

  /** table → column → "type null|not null", types named the same way for both databases. */
  private static Map<String, Map<String, String>> columns(DataSource dataSource)
      throws SQLException {
    Map<String, Map<String, String>> tables = new TreeMap<>();
    try (Connection c = dataSource.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "select table_name, column_name, data_type, is_nullable"
                        + " from information_schema.columns"
                        + " where lower(table_schema) = 'public'"
                        + " and lower(table_name) not in"
                        + " ('flyway_schema_history', 'report_engine_schema_history')")) {
      while (rs.next()) {
        tables
            .computeIfAbsent(rs.getString(1).toLowerCase(), t -> new TreeMap<>())
            .put(
                rs.getString(2).toLowerCase(),
                type(rs.getString(3))
                    + ("YES".equalsIgnoreCase(rs.getString(4)) ? " null" : " not null"));
      }
    }
    return tables;
  }

  private static String type(String dataType) {
    String type = dataType.toLowerCase();
    return switch (type) {
      case "text", "character varying" -> "text";
      case "jsonb", "json" -> "json";
      case "bytea", "binary varying" -> "binary";
      case "time without time zone" -> "time";
      default -> type;
    };
  }
}
