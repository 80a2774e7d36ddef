package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryChannels;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.TelegramSettings;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.engine.testing.contract.DeliveryChannelContract;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

class TelegramChannelContractTest extends DeliveryChannelContract {
  private static final long GROUP = -100123L;

  @RegisterExtension final FakeTelegramServer telegram = FakeTelegramServer.start();

  @Override
  protected DeliveryChannel channel() {
    return DeliveryChannels.telegram(
        TelegramSettings.of(FakeTelegramServer.DEFAULT_TOKEN)
            .withBaseUrl(telegram.baseUrl())
            .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)));
  }

  @Override
  protected Recipient recipient() {
    return Recipient.telegram(GROUP);
  }

  /** Documents and alert messages the Bot API accepted. */
  @Override
  protected int accepted() {
    return telegram.delivered().size() + telegram.messages().size();
  }

  @Override
  protected int requestsReceived() {
    return telegram.requests().size() + telegram.messages().size();
  }

  @Override
  protected boolean refuseNextRetryable() {
    telegram.failNext(FakeTelegramServer.Reply.serverError());
    return true;
  }

  @Override
  protected boolean refuseNextPermanently() {
    telegram.blockedChat(GROUP);
    return true;
  }

  @Override
  protected boolean leaveNextUnanswered() {
    telegram.failNext(FakeTelegramServer.Reply.noResponse());
    return true;
  }
}
