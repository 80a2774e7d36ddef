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
 * @param dayOfMonth for a monthly cadence (default 1): an {@link Integer} 1 … 28, or the {@link
 *     String} {@code last}; anything else the client sent, as JSON gave it, for the validator to
 *     refuse
 * @param cronExpression a 5-field Unix cron expression, instead of a cadence
 * @param timezone an IANA time zone
 * @param sendEmail whether the report goes out by email (default false)
 * @param sendTelegram whether the report goes out by Telegram (default false)
 * @param enabled whether the schedule fires (default true)
 * @param recipients the schedule's own recipients; none means the organization's, at run time
 * @param name the schedule's name, shown in the message (default none)
 * @param skipIfEmpty whether a report without rows is not sent (default false)
 * @param csv the CSV's delimiter and byte order mark (default comma, none)
 */
public record ScheduleInput(
    String sharedLinkId,
    String cadence,
    String scheduledTime,
    String dayOfWeek,
    Object dayOfMonth,
    String cronExpression,
    String timezone,
    Boolean sendEmail,
    Boolean sendTelegram,
    Boolean enabled,
    List<RecipientInput> recipients,
    String name,
    Boolean skipIfEmpty,
    CsvInput csv) {

  /** The {@code day_of_month} of a monthly cadence on the last day of each month. */
  public static final String LAST = "last";

  /** Input without a name, CSV options or {@code skip_if_empty}, a day of month as a number. */
  public ScheduleInput(
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
    this(
        sharedLinkId,
        cadence,
        scheduledTime,
        dayOfWeek,
        (Object) dayOfMonth,
        cronExpression,
        timezone,
        sendEmail,
        sendTelegram,
        enabled,
        recipients,
        null,
        null,
        null);
  }

  /** One recipient as sent: {@code email} with a user id, or {@code telegram} with a chat id. */
  public record RecipientInput(String channel, String userId, Long telegramChatId) {}

  /**
   * The {@code csv} object as sent; a missing key keeps its current value (its default on create).
   *
   * @param delimiter {@code ,}, {@code ;} or a tab
   * @param bom whether the file starts with a UTF-8 byte order mark
   */
  public record CsvInput(String delimiter, Boolean bom) {}
}
