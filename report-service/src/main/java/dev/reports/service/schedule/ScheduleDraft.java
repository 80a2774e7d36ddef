package dev.reports.service.schedule;

import dev.reports.engine.report.CsvOptions;
import dev.reports.engine.schedule.ScheduleSpec;
import java.util.List;
import java.util.UUID;

/**
 * A schedule's writable fields, validated: what create and update store.
 *
 * @param sharedLinkId a shared link of the schedule's organization
 * @param spec when it runs
 * @param sendEmail whether it is delivered by email
 * @param sendTelegram whether it is delivered by Telegram
 * @param enabled whether it fires
 * @param recipients its own recipients, in {@link ScheduleRecipient#ORDER}
 * @param name its name, trimmed, or {@code null}
 * @param skipIfEmpty whether a report without rows is not sent
 * @param csv its CSV's delimiter and byte order mark
 */
public record ScheduleDraft(
    UUID sharedLinkId,
    ScheduleSpec spec,
    boolean sendEmail,
    boolean sendTelegram,
    boolean enabled,
    List<ScheduleRecipient> recipients,
    String name,
    boolean skipIfEmpty,
    CsvOptions csv) {
  public ScheduleDraft {
    recipients = recipients.stream().sorted(ScheduleRecipient.ORDER).toList();
  }

  /** The 5-field Unix cron this schedule fires by: its own, or its cadence's equivalent. */
  public String cronExpression() {
    return spec.unixCron();
  }

  /** The draft as input again, the base a patch applies to. */
  ScheduleInput toInput() {
    return new ScheduleInput(
        sharedLinkId.toString(),
        spec.isCron() ? null : spec.cadence().name().toLowerCase(java.util.Locale.ROOT),
        spec.time() == null
            ? null
            : String.format(
                java.util.Locale.ROOT, "%02d:%02d", spec.time().getHour(), spec.time().getMinute()),
        spec.dayOfWeek() == null
            ? null
            : spec.dayOfWeek().name().toLowerCase(java.util.Locale.ROOT),
        spec.isLastDayOfMonth() ? ScheduleInput.LAST : spec.dayOfMonth(),
        spec.isCron() ? spec.cron() : null,
        spec.zone().getId(),
        sendEmail,
        sendTelegram,
        enabled,
        recipients.stream()
            .map(
                r ->
                    new ScheduleInput.RecipientInput(
                        r.channel().code(),
                        r.userId() == null ? null : r.userId().toString(),
                        r.telegramChatId()))
            .toList(),
        name,
        skipIfEmpty,
        new ScheduleInput.CsvInput(String.valueOf(csv.delimiter()), csv.byteOrderMark()));
  }
}
