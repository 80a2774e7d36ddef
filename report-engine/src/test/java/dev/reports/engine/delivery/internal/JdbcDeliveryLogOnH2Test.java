package dev.reports.engine.delivery.internal;

import dev.reports.engine.EngineSchema;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.run.internal.JdbcRunLog;
import dev.reports.engine.testing.DeliveryLogBehaviour;
import dev.reports.engine.testing.H2Database;
import java.util.UUID;
import javax.sql.DataSource;

/** The engine's JDBC delivery log on H2 (PostgreSQL mode) behaves as every delivery log does. */
class JdbcDeliveryLogOnH2Test extends DeliveryLogBehaviour {
  private static final EngineSchema SCHEMA = EngineSchema.withPrefix("eng_");
  private static final DataSource H2 = H2Database.migrated(SCHEMA);

  @Override
  protected DeliveryLog deliveryLog() {
    return new JdbcDeliveryLog(H2, SCHEMA);
  }

  @Override
  protected RunLog runLog() {
    return new JdbcRunLog(H2, SCHEMA);
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
