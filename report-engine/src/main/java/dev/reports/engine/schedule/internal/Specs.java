package dev.reports.engine.schedule.internal;

import dev.reports.engine.schedule.FieldError;
import dev.reports.engine.schedule.InvalidScheduleException;
import dev.reports.engine.schedule.ScheduleSpec;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks schedule specs and turns valid ones into {@link Recurrence}s. */
public final class Specs {
  // Two adjacent matching days repeat within this many days for any day pattern (leap years too).
  private static final int DAY_PATTERN_DAYS = 366 * 8;

  private final Duration minimumInterval;
  private final boolean allowSeconds;

  /**
   * @param minimumInterval a cron may not fire more often than this
   * @param allowSeconds accept a leading seconds field (the engine's own tests only)
   */
  public Specs(Duration minimumInterval, boolean allowSeconds) {
    this.minimumInterval = minimumInterval;
    this.allowSeconds = allowSeconds;
  }

  /**
   * The recurrence of a valid spec; throws {@link InvalidScheduleException} naming every bad field.
   */
  public Recurrence recurrence(ScheduleSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec.zone() instanceof ZoneOffset) {
      errors.add(
          new FieldError(
              "timezone", "use an IANA time zone name such as Europe/Berlin, not an offset"));
    }
    UnixCron cron = null;
    if (spec.isCron()) {
      if (spec.time() != null) {
        errors.add(
            new FieldError("scheduled_time", "only for a cadence; a cron expression has its own"));
      }
      if (spec.dayOfWeek() != null) {
        errors.add(new FieldError("day_of_week", "only for a weekly cadence"));
      }
      if (spec.dayOfMonth() != null) {
        errors.add(new FieldError("day_of_month", "only for a monthly cadence"));
      }
      if (spec.cron() == null) {
        errors.add(new FieldError("cron_expression", "give a cadence or a cron expression"));
      } else {
        try {
          cron = UnixCron.parse(spec.cron(), allowSeconds);
          checkInterval(cron, errors);
        } catch (UnixCron.InvalidCronException e) {
          errors.add(new FieldError("cron_expression", e.getMessage()));
        }
      }
    } else {
      if (spec.cron() != null) {
        errors.add(
            new FieldError("cron_expression", "give either cadence or cron_expression, not both"));
      }
      if (spec.time() == null) {
        errors.add(new FieldError("scheduled_time", "is required with a cadence (HH:MM)"));
      } else if (spec.time().getSecond() != 0 || spec.time().getNano() != 0) {
        errors.add(new FieldError("scheduled_time", "must be whole minutes (HH:MM)"));
      }
      switch (spec.cadence()) {
        case DAILY:
          if (spec.dayOfWeek() != null) {
            errors.add(new FieldError("day_of_week", "only for a weekly cadence"));
          }
          if (spec.dayOfMonth() != null) {
            errors.add(new FieldError("day_of_month", "only for a monthly cadence"));
          }
          break;
        case WEEKLY:
          if (spec.dayOfMonth() != null) {
            errors.add(new FieldError("day_of_month", "only for a monthly cadence"));
          }
          break;
        case MONTHLY:
          if (spec.dayOfWeek() != null) {
            errors.add(new FieldError("day_of_week", "only for a weekly cadence"));
          }
          if (spec.dayOfMonth() != null
              && !spec.isLastDayOfMonth()
              && (spec.dayOfMonth() < 1 || spec.dayOfMonth() > 28)) {
            errors.add(
                new FieldError(
                    "day_of_month",
                    "must be between 1 and 28, so that every month has a run, or \"last\" for"
                        + " the last day of each month"));
          }
          break;
        default:
          throw new IllegalStateException();
      }
      if (errors.isEmpty()) {
        try {
          cron = UnixCron.parse(spec.unixCron(), false);
        } catch (UnixCron.InvalidCronException e) {
          throw new IllegalStateException("cadence " + spec + " gave a bad cron", e);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidScheduleException(errors);
    }
    return new Recurrence(cron, spec.zone());
  }

  /**
   * The recurrence of a stored expression, already validated when it was scheduled. Parsed once per
   * expression and zone: every fire asks for it, some of them under the cluster-wide trigger lock,
   * and parsing builds several Quartz expressions (in a 10,000-schedule burst, most of the
   * scheduler thread's time). A {@link Recurrence} is immutable, so one instance serves every
   * thread.
   */
  public static Recurrence stored(String expression, String zone) {
    return STORED.get(expression, zone);
  }

  private static final StoredRecurrences STORED = new StoredRecurrences(4_096);

  /** The last {@code capacity} stored recurrences asked for. */
  static final class StoredRecurrences {
    private final Map<List<String>, Recurrence> cache;

    StoredRecurrences(int capacity) {
      this.cache =
          Collections.synchronizedMap(
              new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<String>, Recurrence> eldest) {
                  return size() > capacity;
                }
              });
    }

    Recurrence get(String expression, String zone) {
      List<String> key = List.of(expression, zone);
      Recurrence cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
      Recurrence parsed = parse(expression, zone);
      cache.put(key, parsed);
      return parsed;
    }

    int size() {
      return cache.size();
    }

    private static Recurrence parse(String expression, String zone) {
      try {
        return new Recurrence(UnixCron.parse(expression, true), java.time.ZoneId.of(zone));
      } catch (UnixCron.InvalidCronException e) {
        throw new IllegalStateException(
            "stored cron \"" + expression + "\" is invalid: " + e.getMessage());
      }
    }
  }

  // Measured on wall-clock time: a daylight saving change may bring two runs closer once a year.
  private void checkInterval(UnixCron cron, List<FieldError> errors) {
    long min = minimumInterval.toSeconds();
    // A 5-field cron has at most 1440 times a day; the seconds form (tests only) is sampled.
    List<Integer> times = cron.timesOfDay(cron.hasSeconds() ? 120 : 1_441);
    if (times.isEmpty()) {
      errors.add(new FieldError("cron_expression", "never fires"));
      return;
    }
    if (cron.nextAfter(LocalDate.of(2000, 1, 1).atStartOfDay()).isEmpty()) {
      errors.add(new FieldError("cron_expression", "never fires: no date matches its day fields"));
      return;
    }
    long shortest = Long.MAX_VALUE;
    for (int i = 1; i < times.size(); i++) {
      shortest = Math.min(shortest, times.get(i) - times.get(i - 1));
    }
    long acrossMidnight = 86_400L - times.get(times.size() - 1) + times.get(0);
    if (acrossMidnight < min && acrossMidnight < shortest && hasAdjacentDays(cron)) {
      shortest = acrossMidnight;
    }
    if (shortest < min) {
      errors.add(
          new FieldError(
              "cron_expression",
              "fires every "
                  + human(Duration.ofSeconds(shortest))
                  + " at times; schedules may run at most every "
                  + human(minimumInterval)));
    }
  }

  private static boolean hasAdjacentDays(UnixCron cron) {
    LocalDate day = LocalDate.of(2000, 1, 1);
    boolean previous = false;
    for (int i = 0; i < DAY_PATTERN_DAYS; i++, day = day.plusDays(1)) {
      boolean matches = cron.matchesDay(day);
      if (matches && previous) {
        return true;
      }
      previous = matches;
    }
    return false;
  }

  static String human(Duration d) {
    if (d.toSeconds() % 3600 == 0) {
      long h = d.toHours();
      return h == 1 ? "hour" : h + " hours";
    }
    if (d.toSeconds() % 60 == 0) {
      long m = d.toMinutes();
      return m == 1 ? "minute" : m + " minutes";
    }
    long s = d.toSeconds();
    return s == 1 ? "second" : s + " seconds";
  }
}
