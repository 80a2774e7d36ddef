package dev.reports.service.schema;

import dev.reports.service.Database;
import dev.reports.service.config.DatabaseSettings;
import dev.reports.service.config.DatabaseVendor;
import java.nio.file.Path;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The same constraints and round trips on H2, opened exactly as {@code dev} opens it. */
class H2SchemaTest {
  @TempDir static Path dir;
  static Database database;

  @BeforeAll
  static void open() {
    database = Database.open(DatabaseSettings.h2(dir.resolve("reports")));
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Nested
  class Constraints extends ConstraintsContract {
    @Override
    DSLContext dsl() {
      return database.dsl();
    }

    @Override
    DatabaseVendor vendor() {
      return DatabaseVendor.H2;
    }
  }

  @Nested
  class RoundTrips extends RoundTripContract {
    @Override
    DSLContext dsl() {
      return database.dsl();
    }
  }
}
