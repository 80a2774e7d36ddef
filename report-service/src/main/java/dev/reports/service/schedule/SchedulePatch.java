package dev.reports.service.schedule;

import static dev.reports.service.schedule.ScheduleFields.CADENCE;
import static dev.reports.service.schedule.ScheduleFields.CRON_EXPRESSION;
import static dev.reports.service.schedule.ScheduleFields.CSV;
import static dev.reports.service.schedule.ScheduleFields.DAY_OF_MONTH;
import static dev.reports.service.schedule.ScheduleFields.DAY_OF_WEEK;
import static dev.reports.service.schedule.ScheduleFields.ENABLED;
import static dev.reports.service.schedule.ScheduleFields.NAME;
import static dev.reports.service.schedule.ScheduleFields.RECIPIENTS;
import static dev.reports.service.schedule.ScheduleFields.SCHEDULED_TIME;
import static dev.reports.service.schedule.ScheduleFields.SEND_EMAIL;
import static dev.reports.service.schedule.ScheduleFields.SEND_TELEGRAM;
import static dev.reports.service.schedule.ScheduleFields.SHARED_LINK_ID;
import static dev.reports.service.schedule.ScheduleFields.SKIP_IF_EMPTY;
import static dev.reports.service.schedule.ScheduleFields.TIMEZONE;

import java.util.Set;

/**
 * A change to some writable fields of a schedule (JSON merge patch semantics): a field named in
 * {@code present} takes its value from {@code values}, {@code null} included; the others keep
 * theirs. {@code recipients}, when named, replaces the whole list; {@code csv} is merged key by key
 * ({@code "csv": null} restores the defaults).
 *
 * <p>Switching between a cadence and a cron expression needs only the new one: naming {@code
 * cron_expression} alone drops the cadence fields, naming {@code cadence} alone drops the cron
 * expression; a day field that the resulting cadence does not use is dropped unless named.
 */
public record SchedulePatch(ScheduleInput values, Set<String> present) {
  public SchedulePatch {
    present = Set.copyOf(present);
  }

  /** The input that results from applying this patch to {@code current}. */
  public ScheduleInput applyTo(ScheduleInput current) {
    boolean toCron = named(CRON_EXPRESSION) && values.cronExpression() != null && !named(CADENCE);
    boolean toCadence = named(CADENCE) && values.cadence() != null && !named(CRON_EXPRESSION);

    String cadence = pick(CADENCE, values.cadence(), toCron ? null : current.cadence());
    String time =
        pick(SCHEDULED_TIME, values.scheduledTime(), toCron ? null : current.scheduledTime());
    String dayOfWeek = pick(DAY_OF_WEEK, values.dayOfWeek(), current.dayOfWeek());
    Object dayOfMonth = pick(DAY_OF_MONTH, values.dayOfMonth(), current.dayOfMonth());
    String cron =
        pick(CRON_EXPRESSION, values.cronExpression(), toCadence ? null : current.cronExpression());
    if (!named(DAY_OF_WEEK) && !"weekly".equals(cadence)) {
      dayOfWeek = null;
    }
    if (!named(DAY_OF_MONTH) && !"monthly".equals(cadence)) {
      dayOfMonth = null;
    }
    return new ScheduleInput(
        pick(SHARED_LINK_ID, values.sharedLinkId(), current.sharedLinkId()),
        cadence,
        time,
        dayOfWeek,
        dayOfMonth,
        cron,
        pick(TIMEZONE, values.timezone(), current.timezone()),
        pick(SEND_EMAIL, values.sendEmail(), current.sendEmail()),
        pick(SEND_TELEGRAM, values.sendTelegram(), current.sendTelegram()),
        pick(ENABLED, values.enabled(), current.enabled()),
        pick(RECIPIENTS, values.recipients(), current.recipients()),
        pick(NAME, values.name(), current.name()),
        pick(SKIP_IF_EMPTY, values.skipIfEmpty(), current.skipIfEmpty()),
        named(CSV) ? csv(values.csv(), current.csv()) : current.csv());
  }

  private static ScheduleInput.CsvInput csv(
      ScheduleInput.CsvInput patched, ScheduleInput.CsvInput current) {
    if (patched == null || current == null) {
      return patched;
    }
    return new ScheduleInput.CsvInput(
        patched.delimiter() != null ? patched.delimiter() : current.delimiter(),
        patched.bom() != null ? patched.bom() : current.bom());
  }

  private boolean named(String field) {
    return present.contains(field);
  }

  private <T> T pick(String field, T patched, T kept) {
    return named(field) ? patched : kept;
  }
}
