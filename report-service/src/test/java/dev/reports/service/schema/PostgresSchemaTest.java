package dev.reports.service.schema;

import dev.reports.service.config.DatabaseVendor;
import dev.reports.test.PostgresDatabase;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The schema's constraints and the generated records, on PostgreSQL. */
class PostgresSchemaTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  static DSLContext dsl() {
    return DSL.using(db.dataSource(), SQLDialect.POSTGRES);
  }

  @Nested
  class Constraints extends ConstraintsContract {
    @Override
    DSLContext dsl() {
      return PostgresSchemaTest.dsl();
    }

    @Override
    DatabaseVendor vendor() {
      return DatabaseVendor.POSTGRESQL;
    }
  }

  @Nested
  class RoundTrips extends RoundTripContract {
    @Override
    DSLContext dsl() {
      return PostgresSchemaTest.dsl();
    }
  }
}
