package dev.reports.engine.delivery;

/**
 * The Telegram group became a supergroup with a new chat id: the delivery is sent again to {@link
 * #newChatId()}, and the stored recipients are updated.
 */
public class ChatMigratedException extends DeliveryException {
  private final long newChatId;

  public ChatMigratedException(long oldChatId, long newChatId) {
    super(
        "400",
        "chat " + oldChatId + " was upgraded to a supergroup: its new id is " + newChatId,
        false,
        null);
    this.newChatId = newChatId;
  }

  public long newChatId() {
    return newChatId;
  }
}
