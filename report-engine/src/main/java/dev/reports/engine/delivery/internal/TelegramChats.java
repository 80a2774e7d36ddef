package dev.reports.engine.delivery.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What a Telegram channel remembers between sends, bounded: the chats it saw move (Telegram's ids
 * are global, so a retry goes straight to the new chat) and the chats each run already sent its
 * report to (a group moved onto a chat the run also lists gets the report once).
 */
final class TelegramChats {
  private static final int REMEMBERED = 10_000;

  private final Map<Long, Long> moves = lru();
  private final Map<String, String> served = lru();

  /** The chat {@code chatId} moved to, following every move seen, or {@code chatId}. */
  synchronized long current(long chatId) {
    long chat = chatId;
    for (int i = 0; i < 5 && moves.containsKey(chat); i++) {
      chat = moves.get(chat);
    }
    return chat;
  }

  synchronized void moved(long from, long to) {
    moves.put(from, to);
  }

  /**
   * The message id of the report {@code runId} sent to {@code chatId} ("" when unknown), or null.
   */
  synchronized String servedIn(UUID runId, long chatId) {
    return served.get(runId + ":" + chatId);
  }

  synchronized void serve(UUID runId, long chatId, String messageId) {
    served.put(runId + ":" + chatId, messageId == null ? "" : messageId);
  }

  private static <K, V> Map<K, V> lru() {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > REMEMBERED;
      }
    };
  }
}
