package dev.reports.service.schedule;

import dev.reports.engine.delivery.Channel;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of a schedule's delivery log.
 *
 * @param id the row
 * @param runId the run that delivered it
 * @param channel email or Telegram
 * @param userId the email recipient, or {@code null}
 * @param telegramChatId the Telegram chat, or {@code null}
 * @param status {@code pending}, {@code sent}, {@code failed} or {@code skipped}
 * @param payloadJson what was sent and how it went, a JSON object
 * @param createdAt when the delivery started
 * @param updatedAt when it was last changed
 */
public record Notification(
    UUID id,
    UUID runId,
    Channel channel,
    UUID userId,
    Long telegramChatId,
    String status,
    String payloadJson,
    Instant createdAt,
    Instant updatedAt) {}
