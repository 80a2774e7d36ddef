package dev.reports.service.schedule;

import dev.reports.engine.schedule.ScheduleSpec;
import java.time.LocalTime;

/** Writes a cadence as its equivalent 5-field Unix cron, the form every schedule is stored in. */
final class CronText {
  private CronText() {}

  static String of(ScheduleSpec spec) {
    if (spec.isCron()) {
      return spec.cron();
    }
    String minuteHour = spec.time().getMinute() + " " + spec.time().getHour();
    return switch (spec.cadence()) {
      case DAILY -> minuteHour + " * * *";
      // Unix cron counts Sunday as 0; ISO's 7 would not be understood by every cron.
      case WEEKLY -> minuteHour + " * * " + spec.dayOfWeek().getValue() % 7;
      case MONTHLY -> minuteHour + " " + spec.dayOfMonth() + " * *";
    };
  }

  static String hhmm(LocalTime time) {
    return String.format("%02d:%02d", time.getHour(), time.getMinute());
  }
}
