package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryChannels;
import dev.reports.engine.delivery.LoopsSettings;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.contract.DeliveryChannelContract;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoopsChannelContractTest extends DeliveryChannelContract {
  @RegisterExtension final FakeLoopsServer loops = FakeLoopsServer.start();

  @Override
  protected DeliveryChannel channel() {
    return DeliveryChannels.loops(
        LoopsSettings.of(loops.apiKey(), loops.transactionalId())
            .withBaseUrl(loops.baseUrl())
            .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)));
  }

  @Override
  protected Recipient recipient() {
    return Recipient.email(UUID.randomUUID(), "ann@example.com");
  }

  @Override
  protected int accepted() {
    return loops.delivered().size();
  }

  @Override
  protected int requestsReceived() {
    return loops.requests().size();
  }

  @Override
  protected boolean refuseNextRetryable() {
    loops.failNext(FakeLoopsServer.Reply.serverError());
    return true;
  }

  @Override
  protected boolean refuseNextPermanently() {
    loops.failNext(FakeLoopsServer.Reply.badRequest("Invalid email address."));
    return true;
  }

  @Override
  protected boolean leaveNextUnanswered() {
    loops.failNext(FakeLoopsServer.Reply.noResponse());
    return true;
  }
}
