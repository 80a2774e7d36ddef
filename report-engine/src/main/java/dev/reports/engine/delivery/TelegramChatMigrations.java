package dev.reports.engine.delivery;

import java.util.UUID;

/**
 * Told by the Telegram channel when a group became a supergroup with a new chat id (Telegram's
 * {@code migrate_to_chat_id}), so the host updates the recipients it stores; the report is sent to
 * the new chat at once either way.
 */
@FunctionalInterface
public interface TelegramChatMigrations {
  /**
   * Telegram said that chat {@code fromChatId}, a recipient of this schedule, is now {@code
   * toChatId}.
   */
  void migrated(UUID scheduleId, long fromChatId, long toChatId);
}
