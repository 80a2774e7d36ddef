package dev.reports.service.delivery;

import dev.reports.test.PostgresDatabase;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service's delivery log keeps the delivery log contract on PostgreSQL. */
class JooqDeliveryLogContractTest extends JooqDeliveryLogContract {
  @RegisterExtension static PostgresDatabase database = new PostgresDatabase();

  @Override
  protected DSLContext database() {
    return DSL.using(database.dataSource(), SQLDialect.POSTGRES);
  }
}
