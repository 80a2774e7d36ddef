package dev.reports.service.delivery;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.RecipientResolver;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.testing.contract.RecipientResolverContract;
import dev.reports.test.PostgresDatabase;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service's recipient resolver keeps the engine's recipient resolver contract, on PostgreSQL.
 */
class JooqRecipientResolverContractTest extends RecipientResolverContract {
  @RegisterExtension static PostgresDatabase database = new PostgresDatabase();

  private HostData data;

  @Override
  protected RecipientResolver recipientResolver() {
    DSLContext db = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
    data = new HostData(db);
    return new JooqRecipientResolver(db);
  }

  /** The chat is the organization's (connected) and listed on the schedule, as is the user. */
  @Override
  protected ReportDefinition schedule(Set<Channel> channels, long telegramChatId) {
    UUID organization = data.organization();
    ReportDefinition definition = data.schedule(organization, channels.toArray(Channel[]::new));
    UUID user = data.user(organization, "ann-" + UUID.randomUUID() + "@example.com");
    data.scheduleEmailRecipient(definition, user);
    data.orgTelegramRecipient(organization, telegramChatId);
    data.scheduleTelegramRecipient(definition, telegramChatId);
    return definition;
  }
}
