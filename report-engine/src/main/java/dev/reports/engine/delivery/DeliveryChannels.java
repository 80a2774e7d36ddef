package dev.reports.engine.delivery;

import dev.reports.engine.delivery.internal.LoopsChannel;
import dev.reports.engine.delivery.internal.OutboxChannel;
import dev.reports.engine.delivery.internal.TelegramChannel;
import java.nio.file.Path;
import java.util.List;

/** The delivery channels the engine ships with; the engine takes one per {@link Channel}. */
public final class DeliveryChannels {
  private DeliveryChannels() {}

  /** Email through Loops' transactional API. */
  public static DeliveryChannel loops(LoopsSettings settings) {
    return new LoopsChannel(settings);
  }

  /**
   * Email through Loops' transactional API, failure alerts with the template {@code
   * alertTransactionalId} (null or blank: the reports' template).
   */
  public static DeliveryChannel loops(LoopsSettings settings, String alertTransactionalId) {
    return new LoopsChannel(settings, alertTransactionalId, RateLimiters.inMemory());
  }

  /**
   * Telegram documents through the Bot API; a group that became a supergroup gets the report at its
   * new id, and the move is only logged.
   */
  public static DeliveryChannel telegram(TelegramSettings settings) {
    return telegram(settings, (scheduleId, from, to) -> {});
  }

  /**
   * Telegram documents through the Bot API; a group that became a supergroup gets the report at its
   * new id, and {@code migrations} is told, to update the stored recipients.
   */
  public static DeliveryChannel telegram(
      TelegramSettings settings, TelegramChatMigrations migrations) {
    return new TelegramChannel(settings, migrations);
  }

  /**
   * Deliveries of {@code channel} written to {@code dir} (the CSV plus a JSON envelope) instead of
   * being sent: for development, and wherever a provider has no credentials. Works for any channel,
   * a host's too.
   */
  public static DeliveryChannel outbox(Channel channel, Path dir) {
    return new OutboxChannel(channel, dir);
  }

  /** An outbox channel for each of {@link Channel#EMAIL} and {@link Channel#TELEGRAM}. */
  public static List<DeliveryChannel> outboxes(Path dir) {
    return List.of(outbox(Channel.EMAIL, dir), outbox(Channel.TELEGRAM, dir));
  }
}
