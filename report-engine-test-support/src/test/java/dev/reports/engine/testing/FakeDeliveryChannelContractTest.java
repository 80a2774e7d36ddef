package dev.reports.engine.testing;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.testing.contract.DeliveryChannelContract;

class FakeDeliveryChannelContractTest extends DeliveryChannelContract {
  private final FakeDeliveryChannel channel = new FakeDeliveryChannel(Channel.TELEGRAM);

  @Override
  protected DeliveryChannel channel() {
    return channel;
  }

  @Override
  protected Recipient recipient() {
    return Recipient.telegram(-100123L);
  }

  @Override
  protected int accepted() {
    return channel.sent().size() + channel.alerts().size();
  }

  @Override
  protected boolean refuseNextRetryable() {
    channel.failNext(new DeliveryException("503", "the provider is down", false, null));
    return true;
  }

  @Override
  protected boolean refuseNextPermanently() {
    channel.failNext(new DeliveryException("403", "the bot was blocked", true, null));
    return true;
  }
}
