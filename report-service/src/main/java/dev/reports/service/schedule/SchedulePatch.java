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

import dev.reports.engine.schedule.InvalidScheduleException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A change to some writable fields of a schedule (JSON merge patch semantics): a field named in
 * {@code present} takes its value from {@code values}, {@code null} included; the others keep
 * theirs. {@code recipients}, when named, replaces the whole list; {@code csv} is merged key by key
 * ({@code "csv": null} restores the defaults).
 *
 * <p>Switching between a cadence and a cron expression needs only the new one: naming {@code
 * cron_expression} alone drops the cadence fields, naming {@code cadence} alone drops the cron
 * expression; a day field that the resulting cadence does not use is dropped unless named.
 *
 * <p>{@code readOnly} holds the read-only fields the patch carries ({@link
 * ScheduleFields#READ_ONLY}, each as the text sent, or null): a schedule as read, sent back,
 * carries them all. {@link #against} accepts them only when they equal the stored ones.
 */
public record SchedulePatch(
    ScheduleInput values, Set<String> present, Map<String, String> readOnly) {
  public SchedulePatch {
    present = Set.copyOf(present);
    // null values are meaningful (a field sent as null), which Map.copyOf does not allow
    readOnly = Collections.unmodifiableMap(new LinkedHashMap<>(readOnly));
  }

  public SchedulePatch(ScheduleInput values, Set<String> present) {
    this(values, present, Map.of());
  }

  /**
   * This patch as it applies to {@code current}: every read-only field it carries must equal the
   * stored one (else an {@link InvalidScheduleException} names each that differs), and the
   * equivalent cron a cadence schedule is shown with, sent back beside its cadence, is dropped — it
   * is derived, not a second timing.
   */
  public SchedulePatch against(StoredSchedule current) {
    FieldErrors errors = new FieldErrors();
    readOnly.forEach(
        (field, sent) -> {
          if (!sameAsStored(field, sent, current)) {
            errors.add(
                field,
                "is read-only; send it back as last read, or leave it out (a copy read before the"
                    + " schedule last changed or ran must be read again)");
          }
        });
    errors.throwIfAny();
    boolean echoedCron =
        named(CADENCE)
            && values.cadence() != null
            && named(CRON_EXPRESSION)
            && !current.draft().spec().isCron()
            && Objects.equals(values.cronExpression(), current.draft().cronExpression());
    if (!echoedCron) {
      return this;
    }
    Set<String> kept = new java.util.HashSet<>(present);
    kept.remove(CRON_EXPRESSION);
    return new SchedulePatch(values, kept, readOnly);
  }

  private static boolean sameAsStored(String field, String sent, StoredSchedule s) {
    return switch (field) {
      case "id" -> sameUuid(sent, s.id());
      case "organization_id" -> sameUuid(sent, s.organizationId());
      case "created_by" -> sameUuid(sent, s.createdBy());
      case "next_run_at" -> sameInstant(sent, s.nextRunAt());
      case "last_run_at" -> sameInstant(sent, s.lastRunAt());
      case "last_run_status" -> Objects.equals(sent, s.lastRunStatus());
      case "disabled_reason" -> Objects.equals(sent, s.disabledReason());
      case "created_at" -> sameInstant(sent, s.createdAt());
      case "updated_at" -> sameInstant(sent, s.updatedAt());
      default -> false;
    };
  }

  private static boolean sameUuid(String sent, UUID stored) {
    return sent != null && stored != null && sent.equalsIgnoreCase(stored.toString());
  }

  private static boolean sameInstant(String sent, Instant stored) {
    if (sent == null || stored == null) {
      return sent == null && stored == null;
    }
    try {
      return Instant.parse(sent).equals(stored);
    } catch (DateTimeParseException e) {
      return false;
    }
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
