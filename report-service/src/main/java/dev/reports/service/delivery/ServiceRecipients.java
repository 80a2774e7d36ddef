package dev.reports.service.delivery;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Recipient;
import java.util.UUID;

/**
 * How the service's recipients map to its tables: an email recipient is a user, keyed {@code
 * user:<id>} ({@link Recipient#email}), so a changed address never sends a run's report twice; a
 * Telegram recipient is a chat, its address the chat id ({@link Recipient#telegram}).
 */
final class ServiceRecipients {
  private static final String USER = "user:";

  private ServiceRecipients() {}

  /** The user an email recipient stands for, or null. */
  static UUID userId(Recipient recipient) {
    if (!recipient.channel().equals(Channel.EMAIL) || !recipient.key().startsWith(USER)) {
      return null;
    }
    try {
      return UUID.fromString(recipient.key().substring(USER.length()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The chat a Telegram recipient is sent to, or null. */
  static Long chatId(Recipient recipient) {
    if (!recipient.channel().equals(Channel.TELEGRAM)) {
      return null;
    }
    try {
      return Long.parseLong(recipient.address());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
