package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Recipient;

/** How delivery-log payloads show a recipient, the same for reports and alerts. */
public final class DeliveryPayloads {
  private DeliveryPayloads() {}

  /** The address as the log's {@code to} shows it: a Telegram chat id stays a number. */
  public static Object to(Recipient recipient) {
    if (recipient.channel().equals(Channel.TELEGRAM)) {
      Long chat = TelegramChannel.chatId(recipient);
      if (chat != null) {
        return chat;
      }
    }
    return recipient.address();
  }
}
