package dev.reports.engine.testing;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.RecipientResolver;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.testing.contract.RecipientResolverContract;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

class FakeRecipientResolverContractTest extends RecipientResolverContract {
  private final FakeRecipientResolver resolver = new FakeRecipientResolver();

  @Override
  protected RecipientResolver recipientResolver() {
    return resolver;
  }

  @Override
  protected ReportDefinition schedule(Set<Channel> channels, long telegramChatId) {
    resolver
        .add(Recipient.email(UUID.randomUUID(), "ann@example.com"))
        .add(Recipient.telegram(telegramChatId));
    return new ReportDefinition(
        UUID.randomUUID(), UUID.randomUUID(), new FakeReport(), ZoneId.of("UTC"), channels);
  }
}
