package dev.reports.engine.testing;

import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.RecipientResolver;
import dev.reports.engine.delivery.ResolvedRecipients;
import dev.reports.engine.delivery.SkippedRecipient;
import dev.reports.engine.delivery.TelegramChatMigrations;
import dev.reports.engine.report.ReportDefinition;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory {@link RecipientResolver}: the same recipients for every schedule, filtered by the
 * definition's enabled channels; remembers the chat migrations the Telegram channel tells it.
 */
public final class FakeRecipientResolver implements RecipientResolver, TelegramChatMigrations {
  private final List<Recipient> recipients = new CopyOnWriteArrayList<>();
  private final List<SkippedRecipient> skipped = new CopyOnWriteArrayList<>();
  private final Map<Long, Long> migrations = new ConcurrentHashMap<>();

  public FakeRecipientResolver add(Recipient recipient) {
    recipients.add(recipient);
    return this;
  }

  public FakeRecipientResolver skip(Recipient recipient, String reason) {
    skipped.add(new SkippedRecipient(recipient, reason));
    return this;
  }

  /** Chat migrations reported so far, old id to new id. */
  public Map<Long, Long> migrations() {
    return Map.copyOf(migrations);
  }

  @Override
  public ResolvedRecipients resolve(ReportDefinition definition) {
    return new ResolvedRecipients(
        recipients.stream().filter(r -> definition.channels().contains(r.channel())).toList(),
        skipped.stream()
            .filter(s -> definition.channels().contains(s.recipient().channel()))
            .toList());
  }

  /** As a host's store does: the chat's rows now name the new chat. */
  @Override
  public void migrated(UUID scheduleId, long fromChatId, long toChatId) {
    migrations.put(fromChatId, toChatId);
    Recipient from = Recipient.telegram(fromChatId);
    recipients.replaceAll(r -> r.equals(from) ? Recipient.telegram(toChatId) : r);
  }
}
