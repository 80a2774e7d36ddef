package dev.reports.service.schedule;

import java.util.List;

/**
 * The writable fields of a schedule as a client sent them, before validation: every field may be
 * absent ({@code null}). {@link Schedules} validates it into a {@link ScheduleDraft}.
 *
 * @param sharedLinkId the shared link's id, a UUID
 * @param cadence {@code daily}, {@code weekly} or {@code monthly}; or null for a cron schedule
 * @param scheduledTime {@code HH:MM}, the wall-clock time of a cadence
 * @param dayOfWeek {@code monday} … {@code sunday}, for a weekly cadence (default monday)
 * @param dayOfMonth 1 … 28, for a monthly cadence (default 1)
 * @param cronExpression a 5-field Unix cron expression, instead of a cadence
 * @param timezone an IANA time zone
 * @param sendEmail whether the report goes out by email (default false)
 * @param sendTelegram whether the report goes out by Telegram (default false)
 * @param enabled whether the schedule fires (default true)
 * @param recipients the schedule's own recipients; none means the organization's, at run time
 */
public record ScheduleInput(
    String sharedLinkId,
    String cadence,
    String scheduledTime,
    String dayOfWeek,
    Integer dayOfMonth,
    String cronExpression,
    String timezone,
    Boolean sendEmail,
    Boolean sendTelegram,
    Boolean enabled,
    List<RecipientInput> recipients) {

  /** One recipient as sent: {@code email} with a user id, or {@code telegram} with a chat id. */
  public record RecipientInput(String channel, String userId, Long telegramChatId) {}
}
