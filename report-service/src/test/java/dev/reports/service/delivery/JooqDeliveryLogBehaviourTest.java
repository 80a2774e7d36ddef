package dev.reports.service.delivery;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.testing.DeliveryLogBehaviour;
import dev.reports.service.run.JooqRunLog;
import dev.reports.test.PostgresDatabase;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service's delivery log in shared_report_notifications, fenced by its run ledger, behaves as
 * every delivery log does.
 */
class JooqDeliveryLogBehaviourTest extends DeliveryLogBehaviour {
  @RegisterExtension static PostgresDatabase database = new PostgresDatabase();

  private DSLContext db() {
    return DSL.using(database.dataSource(), SQLDialect.POSTGRES);
  }

  @Override
  protected DeliveryLog deliveryLog() {
    return new JooqDeliveryLog(db());
  }

  @Override
  protected RunLog runLog() {
    return new JooqRunLog(db());
  }

  @Override
  protected UUID newOrganization() {
    return new HostData(db()).organization();
  }

  @Override
  protected UUID newSchedule(UUID organization) {
    return new HostData(db()).schedule(organization, Channel.EMAIL, Channel.TELEGRAM).scheduleId();
  }

  @Override
  protected Recipient emailRecipient(UUID organization) {
    UUID user = new HostData(db()).user(organization, "ann@example.com");
    return Recipient.email(user, "ann@example.com");
  }
}
