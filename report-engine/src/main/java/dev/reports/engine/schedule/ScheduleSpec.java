package dev.reports.engine.schedule;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * When a report runs: either a cadence at a wall-clock time, or a 5-field Unix cron expression,
 * always interpreted in {@code zone}.
 *
 * <p>Build one with {@link #daily}, {@link #weekly}, {@link #monthly} or {@link #cron}, or from the
 * HTTP API's string fields with {@link #of}; a spec is validated when the engine schedules it
 * ({@link InvalidScheduleException}).
 *
 * @param cadence the cadence, or {@code null} for a cron spec
 * @param time the wall-clock time of a cadence (whole minutes), or {@code null} for a cron spec
 * @param dayOfWeek the day of a weekly cadence ({@code null}: Monday), otherwise {@code null}
 * @param dayOfMonth the day (1…28, or {@link #LAST_DAY_OF_MONTH}) of a monthly cadence ({@code
 *     null}: the 1st), otherwise {@code null}
 * @param cron the 5-field Unix cron expression of a cron spec, or {@code null} for a cadence
 * @param zone the IANA time zone the spec is read in
 */
public record ScheduleSpec(
    Cadence cadence,
    LocalTime time,
    DayOfWeek dayOfWeek,
    Integer dayOfMonth,
    String cron,
    ZoneId zone) {

  private static final DateTimeFormatter HH_MM =
      DateTimeFormatter.ofPattern("HH:mm").withResolverStyle(ResolverStyle.STRICT);

  /**
   * The {@link #dayOfMonth} of a monthly cadence that runs on the last day of each month (the 31st,
   * 30th, 28th or 29th); its cron equivalent has {@code L} as its day of month.
   */
  public static final int LAST_DAY_OF_MONTH = -1;

  public ScheduleSpec {
    Objects.requireNonNull(zone, "zone");
  }

  /** Every day at {@code time} in {@code zone}. */
  public static ScheduleSpec daily(LocalTime time, ZoneId zone) {
    return new ScheduleSpec(Cadence.DAILY, time, null, null, null, zone);
  }

  /** Every week on {@code day} at {@code time} in {@code zone}. */
  public static ScheduleSpec weekly(DayOfWeek day, LocalTime time, ZoneId zone) {
    return new ScheduleSpec(Cadence.WEEKLY, time, day, null, null, zone);
  }

  /** Every month on {@code dayOfMonth} at {@code time} in {@code zone}. */
  public static ScheduleSpec monthly(int dayOfMonth, LocalTime time, ZoneId zone) {
    return new ScheduleSpec(Cadence.MONTHLY, time, null, dayOfMonth, null, zone);
  }

  /** A monthly cadence on the last day of each month. */
  public static ScheduleSpec monthlyOnLastDay(LocalTime time, ZoneId zone) {
    return monthly(LAST_DAY_OF_MONTH, time, zone);
  }

  /** A five-field Unix cron expression, read in {@code zone}. */
  public static ScheduleSpec cron(String unixCron, ZoneId zone) {
    return new ScheduleSpec(null, null, null, null, unixCron, zone);
  }

  /**
   * Reads a spec from the HTTP API's fields ({@code cadence}, {@code scheduled_time} as {@code
   * HH:MM}, {@code day_of_week} as a day name, {@code day_of_month}, {@code cron_expression},
   * {@code timezone}); any may be {@code null}. Throws {@link InvalidScheduleException} naming
   * every field that cannot be read; the cron expression itself is checked by the engine's {@code
   * validate}.
   */
  public static ScheduleSpec of(
      String cadence,
      String scheduledTime,
      String dayOfWeek,
      Integer dayOfMonth,
      String cronExpression,
      String timezone) {
    List<FieldError> errors = new ArrayList<>();
    ZoneId zone = null;
    if (timezone == null || timezone.isBlank()) {
      errors.add(
          new FieldError("timezone", "is required: an IANA time zone such as Europe/Berlin"));
    } else {
      try {
        zone = ZoneId.of(timezone.trim());
        if (zone instanceof ZoneOffset || zone.getId().matches("(UTC|GMT|UT)[+-].*")) {
          errors.add(
              new FieldError(
                  "timezone",
                  "\""
                      + timezone
                      + "\" is not an IANA time zone name; use one such as Europe/Berlin"));
        }
      } catch (DateTimeException e) {
        errors.add(
            new FieldError(
                "timezone",
                "unknown time zone \"" + timezone + "\"; use an IANA name such as Europe/Berlin"));
      }
    }
    boolean hasCron = cronExpression != null;
    Cadence c = null;
    if (cadence != null) {
      try {
        c = Cadence.valueOf(cadence.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("cadence", "must be daily, weekly or monthly"));
      }
    }
    if (hasCron && cadence != null) {
      errors.add(
          new FieldError("cron_expression", "give either cadence or cron_expression, not both"));
    } else if (!hasCron && cadence == null) {
      errors.add(
          new FieldError("cadence", "give a cadence (with scheduled_time) or cron_expression"));
    }
    LocalTime time = null;
    if (scheduledTime != null) {
      try {
        time = LocalTime.parse(scheduledTime.trim(), HH_MM);
      } catch (DateTimeParseException e) {
        errors.add(
            new FieldError(
                "scheduled_time",
                "\"" + scheduledTime + "\" is not a time of day as HH:MM (00:00-23:59)"));
      }
    }
    DayOfWeek dow = null;
    if (dayOfWeek != null) {
      try {
        dow = DayOfWeek.valueOf(dayOfWeek.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("day_of_week", "must be a day name: monday … sunday"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidScheduleException(errors);
    }
    return new ScheduleSpec(c, time, dow, dayOfMonth, cronExpression, zone);
  }

  /** Whether this spec is a cron expression rather than a cadence. */
  public boolean isCron() {
    return cadence == null;
  }

  /**
   * The spec as a 5-field Unix cron expression: the cron of a cron spec, or a cadence's equivalent
   * (daily {@code M H * * *}, weekly {@code M H * * D} with D 0…6 from Sunday, monthly {@code M H D
   * * *}, on the last day {@code M H L * *}). It is read in {@link #zone}, like the spec. Call it
   * on a valid spec.
   */
  public String unixCron() {
    if (isCron()) {
      return cron == null ? null : String.join(" ", cron.trim().split("\\s+"));
    }
    String minuteHour = time.getMinute() + " " + time.getHour() + " ";
    switch (cadence) {
      case DAILY:
        return minuteHour + "* * *";
      case WEEKLY:
        return minuteHour + "* * " + (weekday().getValue() % 7);
      default:
        return minuteHour + (isLastDayOfMonth() ? "L" : String.valueOf(monthDay())) + " * *";
    }
  }

  /** The weekday of a weekly cadence, Monday when none was given. */
  public DayOfWeek weekday() {
    return dayOfWeek == null ? DayOfWeek.MONDAY : dayOfWeek;
  }

  /** Whether this is a monthly cadence on the last day of each month. */
  public boolean isLastDayOfMonth() {
    return cadence == Cadence.MONTHLY && dayOfMonth != null && dayOfMonth == LAST_DAY_OF_MONTH;
  }

  /**
   * The day of a monthly cadence, the 1st when none was given ({@link #LAST_DAY_OF_MONTH} for the
   * last day).
   */
  public int monthDay() {
    return dayOfMonth == null ? 1 : dayOfMonth;
  }
}
