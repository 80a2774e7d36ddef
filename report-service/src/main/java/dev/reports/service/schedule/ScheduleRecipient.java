package dev.reports.service.schedule;

import dev.reports.engine.delivery.Channel;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/** A schedule's own recipient: a user by email, or a Telegram chat. */
public record ScheduleRecipient(Channel channel, UUID userId, Long telegramChatId) {
  /** Email recipients first, then Telegram ones; each by id. The API lists recipients so. */
  static final Comparator<ScheduleRecipient> ORDER =
      Comparator.comparing(ScheduleRecipient::channel)
          .thenComparing(
              ScheduleRecipient::userId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(
              ScheduleRecipient::telegramChatId, Comparator.nullsFirst(Comparator.naturalOrder()));

  public ScheduleRecipient {
    Objects.requireNonNull(channel, "channel");
  }

  public static ScheduleRecipient email(UUID userId) {
    return new ScheduleRecipient(Channel.EMAIL, Objects.requireNonNull(userId), null);
  }

  public static ScheduleRecipient telegram(long chatId) {
    return new ScheduleRecipient(Channel.TELEGRAM, null, chatId);
  }
}
