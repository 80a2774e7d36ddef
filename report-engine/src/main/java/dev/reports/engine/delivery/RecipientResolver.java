package dev.reports.engine.delivery;

import dev.reports.engine.report.ReportDefinition;
import java.util.UUID;

/** Finds, at run time, who receives a schedule's report. */
public interface RecipientResolver {
  /**
   * The schedule's own recipients of each enabled channel, else the organization-wide ones;
   * inactive or foreign users are returned as skipped.
   */
  ResolvedRecipients resolve(ReportDefinition definition);

  /** Records that a Telegram group became a supergroup with a new chat id. */
  void telegramChatMigrated(UUID organizationId, long fromChatId, long toChatId);
}
