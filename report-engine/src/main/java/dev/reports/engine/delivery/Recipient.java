package dev.reports.engine.delivery;

import java.util.Objects;
import java.util.UUID;

/**
 * Who receives a report on one channel: a user's current email address, or a Telegram chat.
 *
 * @param channel the channel
 * @param userId the user, for email
 * @param email the user's address as of the run, for email
 * @param telegramChatId the chat, for Telegram
 */
public record Recipient(Channel channel, UUID userId, String email, Long telegramChatId) {
  public Recipient {
    Objects.requireNonNull(channel, "channel");
  }

  public static Recipient email(UUID userId, String email) {
    return new Recipient(Channel.EMAIL, Objects.requireNonNull(userId), email, null);
  }

  public static Recipient telegram(long chatId) {
    return new Recipient(Channel.TELEGRAM, null, null, chatId);
  }

  /** Identifies the recipient within a run: one delivery per (run, channel, key). */
  public String key() {
    return channel == Channel.EMAIL ? "user:" + userId : "chat:" + telegramChatId;
  }
}
