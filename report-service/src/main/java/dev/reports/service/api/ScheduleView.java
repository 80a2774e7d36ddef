package dev.reports.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.service.schedule.ScheduleDraft;
import dev.reports.service.schedule.ScheduleInput;
import dev.reports.service.schedule.StoredSchedule;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A schedule as the API shows it. A cadence schedule shows its cadence fields and, in {@code
 * cron_expression}, the equivalent cron it is stored with; a cron schedule shows only its cron. A
 * monthly cadence on the last day shows {@code day_of_month} {@code "last"} (and {@code M H L *
 * *}).
 */
record ScheduleView(
    UUID id,
    UUID organizationId,
    UUID sharedLinkId,
    String cadence,
    String scheduledTime,
    String dayOfWeek,
    Object dayOfMonth,
    String cronExpression,
    String timezone,
    boolean sendEmail,
    boolean sendTelegram,
    boolean enabled,
    List<RecipientView> recipients,
    String name,
    boolean skipIfEmpty,
    CsvView csv,
    UUID createdBy,
    Instant nextRunAt,
    Instant lastRunAt,
    String lastRunStatus,
    String disabledReason,
    Instant createdAt,
    Instant updatedAt) {

  /** One recipient: {@code user_id} for email, {@code telegram_chat_id} for Telegram. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RecipientView(String channel, UUID userId, Long telegramChatId) {}

  /** The CSV format: {@code delimiter} {@code ,}, {@code ;} or a tab, and {@code bom}. */
  record CsvView(String delimiter, boolean bom) {}

  static ScheduleView of(StoredSchedule s) {
    ScheduleDraft d = s.draft();
    ScheduleSpec spec = d.spec();
    return new ScheduleView(
        s.id(),
        s.organizationId(),
        d.sharedLinkId(),
        spec.isCron() ? null : spec.cadence().name().toLowerCase(Locale.ROOT),
        spec.time() == null ? null : hhmm(spec.time()),
        spec.dayOfWeek() == null ? null : spec.dayOfWeek().name().toLowerCase(Locale.ROOT),
        spec.isLastDayOfMonth() ? ScheduleInput.LAST : spec.dayOfMonth(),
        d.cronExpression(),
        spec.zone().getId(),
        d.sendEmail(),
        d.sendTelegram(),
        d.enabled(),
        d.recipients().stream()
            .map(r -> new RecipientView(r.channel().code(), r.userId(), r.telegramChatId()))
            .toList(),
        d.name(),
        d.skipIfEmpty(),
        new CsvView(String.valueOf(d.csv().delimiter()), d.csv().byteOrderMark()),
        s.createdBy(),
        s.nextRunAt(),
        s.lastRunAt(),
        s.lastRunStatus(),
        s.disabledReason(),
        s.createdAt(),
        s.updatedAt());
  }

  private static String hhmm(LocalTime time) {
    return String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
  }
}
