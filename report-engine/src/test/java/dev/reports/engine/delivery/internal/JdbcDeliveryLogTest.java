package dev.reports.engine.delivery.internal;

import dev.reports.engine.EngineSchema;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.run.internal.JdbcRunLog;
import dev.reports.engine.testing.DeliveryLogBehaviour;
import dev.reports.test.PostgresDatabase;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine's JDBC delivery log on PostgreSQL, fenced by its JDBC run ledger, behaves as every
 * delivery log does; here behind a table prefix, as a host that wants one has them.
 */
class JdbcDeliveryLogTest extends DeliveryLogBehaviour {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase(false);

  private static final EngineSchema SCHEMA = EngineSchema.withPrefix("eng_");

  @Override
  protected DeliveryLog deliveryLog() {
    SCHEMA.migrate(db.dataSource());
    return new JdbcDeliveryLog(db.dataSource(), SCHEMA);
  }

  @Override
  protected RunLog runLog() {
    return new JdbcRunLog(db.dataSource(), SCHEMA);
  }

  @Override
  protected UUID newOrganization() {
    return UUID.randomUUID();
  }

  @Override
  protected UUID newSchedule(UUID organization) {
    return UUID.randomUUID();
  }

  @Override
  protected Recipient emailRecipient(UUID organization) {
    return Recipient.email(UUID.randomUUID(), "ann@example.com");
  }
}
