package dev.reports.engine.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When a report runs: either a cadence at a wall-clock time, or a 5-field Unix cron expression,
 * always interpreted in {@code zone}.
 *
 * <p>Build one with {@link #daily}, {@link #weekly}, {@link #monthly} or {@link #cron}; a spec is
 * validated when the engine schedules it ({@link InvalidScheduleException}).
 *
 * @param cadence the cadence, or {@code null} for a cron spec
 * @param time the wall-clock time of a cadence, or {@code null} for a cron spec
 * @param dayOfWeek the day of a weekly cadence, otherwise {@code null}
 * @param dayOfMonth the day (1…28) of a monthly cadence, otherwise {@code null}
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

  public ScheduleSpec {
    Objects.requireNonNull(zone, "zone");
  }

  public static ScheduleSpec daily(LocalTime time, ZoneId zone) {
    return new ScheduleSpec(Cadence.DAILY, time, null, null, null, zone);
  }

  public static ScheduleSpec weekly(DayOfWeek day, LocalTime time, ZoneId zone) {
    return new ScheduleSpec(Cadence.WEEKLY, time, day, null, null, zone);
  }

  public static ScheduleSpec monthly(int dayOfMonth, LocalTime time, ZoneId zone) {
    return new ScheduleSpec(Cadence.MONTHLY, time, null, dayOfMonth, null, zone);
  }

  public static ScheduleSpec cron(String unixCron, ZoneId zone) {
    return new ScheduleSpec(null, null, null, null, unixCron, zone);
  }

  public boolean isCron() {
    return cadence == null;
  }
}
