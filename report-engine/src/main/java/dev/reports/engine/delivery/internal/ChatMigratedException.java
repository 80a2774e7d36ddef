package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.DeliveryException;

/**
 * Telegram's answer that a group became a supergroup with a new chat id; the channel follows it.
 */
final class ChatMigratedException extends DeliveryException {
  private final long newChatId;

  ChatMigratedException(long oldChatId, long newChatId) {
    super(
        "400",
        "chat " + oldChatId + " was upgraded to a supergroup: its new id is " + newChatId,
        false,
        null);
    this.newChatId = newChatId;
  }

  long newChatId() {
    return newChatId;
  }
}
