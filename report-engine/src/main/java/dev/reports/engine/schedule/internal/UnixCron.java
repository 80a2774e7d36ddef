package dev.reports.engine.schedule.internal;

import java.text.ParseException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * A 5-field Unix cron expression ({@code minute hour day-of-month month day-of-week}) evaluated in
 * floating local time, i.e. on wall-clock date-times without any zone; {@link Recurrence} maps
 * those onto instants.
 *
 * <p>The fields are parsed and matched by Quartz's {@link CronExpression} (in UTC, which has no
 * daylight saving time), after mapping Unix onto Quartz: a leading seconds field {@code 0}, Unix
 * day-of-week 0–7 (0 and 7 = Sunday) onto Quartz's 1–7 (1 = Sunday), and Quartz's {@code ?} in one
 * of the two day fields. Unix (vixie cron) ORs the day-of-month and day-of-week fields when both
 * are restricted and ANDs them when either starts with {@code *}; Quartz cannot express either, so
 * the expression becomes two Quartz expressions combined here.
 *
 * <p>One extension: the day-of-month field may be {@code L} alone, the last day of each month (what
 * a monthly cadence on {@code day_of_month: "last"} is stored as); Quartz evaluates it.
 *
 * <p>An optional leading seconds field (6 fields) exists only for the engine's own tests.
 */
public final class UnixCron {
  private static final Pattern NUMERIC_FIELD = Pattern.compile("[0-9*,/-]+");
  private static final Pattern NAMED_FIELD = Pattern.compile("[0-9A-Za-z*,/-]+");
  private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");
  private static final Pattern DOW_ITEM =
      Pattern.compile("(\\*|[0-9A-Za-z]+)(?:-([0-9A-Za-z]+))?(?:/(\\d+))?");
  private static final String[] DAY_NAMES = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
  private static final int MAX_AND_DAYS = 3_000;

  /** The day-of-month field of "the last day of the month", as Quartz and many crons write it. */
  public static final String LAST_DAY = "L";

  private enum Mode {
    DAY_OF_MONTH,
    DAY_OF_WEEK,
    BOTH_AND,
    EITHER_OR
  }

  private final String expression;
  private final boolean hasSeconds;
  private final CronExpression byDayOfMonth;
  private final CronExpression byDayOfWeek;
  private final CronExpression timeOfDay;
  private final Mode mode;

  private UnixCron(
      String expression,
      boolean hasSeconds,
      CronExpression byDayOfMonth,
      CronExpression byDayOfWeek,
      CronExpression timeOfDay,
      Mode mode) {
    this.expression = expression;
    this.hasSeconds = hasSeconds;
    this.byDayOfMonth = byDayOfMonth;
    this.byDayOfWeek = byDayOfWeek;
    this.timeOfDay = timeOfDay;
    this.mode = mode;
  }

  /** Thrown for an expression that is not valid Unix cron; the message says which field and why. */
  public static final class InvalidCronException extends Exception {
    InvalidCronException(String message) {
      super(message);
    }
  }

  /**
   * Parses a 5-field Unix cron expression, or (when {@code allowSeconds}) a 6-field one that starts
   * with a seconds field.
   */
  public static UnixCron parse(String text, boolean allowSeconds) throws InvalidCronException {
    if (text == null || text.isBlank()) {
      throw new InvalidCronException(
          "is empty; expected 5 fields: minute hour day-of-month month"
              + " day-of-week, e.g. \"30 9 * * 1-5\"");
    }
    String[] fields = text.trim().split("\\s+");
    boolean seconds = allowSeconds && fields.length == 6;
    if (fields.length != 5 && !seconds) {
      throw new InvalidCronException(
          "has "
              + fields.length
              + " fields; expected 5: minute hour"
              + " day-of-month month day-of-week, e.g. \"30 9 * * 1-5\"");
    }
    int o = seconds ? 1 : 0;
    String second = seconds ? fields[0] : "0";
    String minute = fields[o];
    String hour = fields[o + 1];
    String dom = fields[o + 2];
    String month = fields[o + 3].toUpperCase(Locale.ROOT);
    String dow = fields[o + 4].toUpperCase(Locale.ROOT);

    if (seconds) {
      checkSyntax("second", second, NUMERIC_FIELD, 0, 59);
    }
    checkSyntax("minute", minute, NUMERIC_FIELD, 0, 59);
    checkSyntax("hour", hour, NUMERIC_FIELD, 0, 23);
    if (!dom.equals(LAST_DAY)) {
      checkSyntax("day-of-month", dom, NUMERIC_FIELD, 1, 31);
    }
    checkSyntax("month", month, NAMED_FIELD, 1, 12);
    checkSyntax("day-of-week", dow, NAMED_FIELD, 0, 7);
    String quartzDow = quartzDayOfWeek(dow);

    // Parse each field alone first, so an error names the field it is in.
    if (seconds) {
      quartz("second", second + " 0 0 1 1 ?");
    }
    quartz("minute", "0 " + minute + " 0 1 1 ?");
    quartz("hour", "0 0 " + hour + " 1 1 ?");
    quartz("day-of-month", "0 0 0 " + dom + " 1 ?");
    quartz("month", "0 0 0 1 " + month + " ?");
    quartz("day-of-week", "0 0 0 ? 1 " + quartzDow);

    String time = second + " " + minute + " " + hour + " ";
    CronExpression a = quartz("expression", time + dom + " " + month + " ?");
    CronExpression b = quartz("expression", time + "? " + month + " " + quartzDow);
    CronExpression t = quartz("expression", time + "* * ?");
    Mode mode;
    if (dow.equals("*")) {
      mode = Mode.DAY_OF_MONTH;
    } else if (dom.equals("*")) {
      mode = Mode.DAY_OF_WEEK;
    } else if (dom.startsWith("*") || dow.startsWith("*")) {
      mode = Mode.BOTH_AND;
    } else {
      mode = Mode.EITHER_OR;
    }
    return new UnixCron(String.join(" ", fields), seconds, a, b, t, mode);
  }

  /** The expression, with single spaces between its fields. */
  public String expression() {
    return expression;
  }

  /** Whether the expression has a leading seconds field (tests only). */
  public boolean hasSeconds() {
    return hasSeconds;
  }

  /** The first matching wall-clock date-time strictly after {@code after} (whole seconds). */
  public Optional<LocalDateTime> nextAfter(LocalDateTime after) {
    switch (mode) {
      case DAY_OF_MONTH:
        return next(byDayOfMonth, after);
      case DAY_OF_WEEK:
        return next(byDayOfWeek, after);
      case EITHER_OR:
        {
          Optional<LocalDateTime> a = next(byDayOfMonth, after);
          Optional<LocalDateTime> b = next(byDayOfWeek, after);
          if (a.isEmpty()) {
            return b;
          }
          if (b.isEmpty()) {
            return a;
          }
          return a.get().isBefore(b.get()) ? a : b;
        }
      default:
        {
          LocalDateTime cursor = after;
          for (int day = 0; day < MAX_AND_DAYS; day++) {
            Optional<LocalDateTime> c = next(byDayOfMonth, cursor);
            if (c.isEmpty()) {
              return c;
            }
            if (byDayOfWeek.isSatisfiedBy(toDate(c.get()))) {
              return c;
            }
            cursor = c.get().toLocalDate().atTime(LocalTime.MAX).withNano(0);
          }
          return Optional.empty();
        }
    }
  }

  /** Whether some time of {@code date} matches. */
  public boolean matchesDay(LocalDate date) {
    Optional<LocalDateTime> first = nextAfter(date.atStartOfDay().minusSeconds(1));
    return first.isPresent() && first.get().toLocalDate().equals(date);
  }

  /**
   * Every matching time of a day, in order, as seconds of the day (stops early past {@code max}).
   */
  public List<Integer> timesOfDay(int max) {
    List<Integer> times = new ArrayList<>();
    LocalDateTime day = LocalDate.of(2000, 1, 3).atStartOfDay();
    LocalDateTime cursor = day.minusSeconds(1);
    while (times.size() < max) {
      Optional<LocalDateTime> c = next(timeOfDay, cursor);
      if (c.isEmpty() || !c.get().toLocalDate().equals(day.toLocalDate())) {
        break;
      }
      times.add(c.get().toLocalTime().toSecondOfDay());
      cursor = c.get();
    }
    return times;
  }

  @Override
  public String toString() {
    return expression;
  }

  private static Optional<LocalDateTime> next(CronExpression cron, LocalDateTime after) {
    Date next = cron.getTimeAfter(toDate(after));
    return next == null
        ? Optional.empty()
        : Optional.of(LocalDateTime.ofEpochSecond(next.getTime() / 1000, 0, ZoneOffset.UTC));
  }

  private static Date toDate(LocalDateTime floating) {
    return Date.from(floating.toInstant(ZoneOffset.UTC));
  }

  private static void checkSyntax(String name, String field, Pattern allowed, int min, int max)
      throws InvalidCronException {
    if (!allowed.matcher(field).matches()) {
      throw new InvalidCronException(
          name
              + " field \""
              + shortened(field)
              + "\" is not Unix cron syntax (numbers, names, *, ranges a-b, lists a,b and steps"
              + " /n only)");
    }
    checkNumbers(name, field, min, max);
    Matcher range = RANGE.matcher(field);
    while (range.find()) {
      if (Integer.parseInt(range.group(1)) > Integer.parseInt(range.group(2))) {
        throw new InvalidCronException(
            name + " field \"" + field + "\": range " + range.group() + " runs backwards");
      }
    }
  }

  /**
   * Every number of a field within the field's range, and every step between 1 and the field's
   * largest value — checked here, before any number is parsed as an {@code int}, so that a number
   * of any size is an error naming the field. A step as wide as the field or wider (hours {@code
   * *\/30}) is refused: Vixie cron would read it as the first value alone, which is rarely what was
   * meant.
   */
  private static void checkNumbers(String name, String field, int min, int max)
      throws InvalidCronException {
    for (String item : field.split(",", -1)) {
      String[] stepped = item.split("/", -1);
      if (stepped.length > 2) {
        throw new InvalidCronException(
            name
                + " field \""
                + shortened(field)
                + "\": \""
                + shortened(item)
                + "\" has two steps");
      }
      if (stepped.length == 2) {
        long step = number(stepped[1]);
        int widest = max - min;
        if (step < 1 || step > widest) {
          throw new InvalidCronException(
              name
                  + " field \""
                  + shortened(field)
                  + "\": step "
                  + shortened(stepped[1])
                  + " must be between 1 and "
                  + widest);
        }
      }
      for (String bound : stepped[0].split("-", -1)) {
        if (!bound.isEmpty() && Character.isDigit(bound.charAt(0))) {
          long value = number(bound);
          if (value < min || value > max) {
            throw new InvalidCronException(
                name
                    + " field \""
                    + shortened(field)
                    + "\": "
                    + shortened(bound)
                    + " is out of range "
                    + min
                    + "-"
                    + max);
          }
        }
      }
    }
  }

  /** A run of digits as a number, any run too long for an int as -1 (out of every range). */
  private static long number(String digits) {
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(digits);
  }

  /** A field as quoted in an error: long ones cut, so a message stays readable. */
  private static String shortened(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  /** Unix day-of-week (0–7, 0 and 7 = Sunday) as an explicit Quartz list (1–7, 1 = Sunday). */
  private static String quartzDayOfWeek(String dow) throws InvalidCronException {
    if (dow.equals("*")) {
      return "*";
    }
    boolean[] days = new boolean[7];
    for (String item : dow.split(",", -1)) {
      Matcher m = DOW_ITEM.matcher(item);
      if (!m.matches()) {
        throw new InvalidCronException(
            "day-of-week field \"" + dow + "\": bad item \"" + item + "\"");
      }
      int from;
      int to;
      if (m.group(1).equals("*")) {
        if (m.group(2) != null) {
          throw new InvalidCronException(
              "day-of-week field \"" + dow + "\": bad item \"" + item + "\"");
        }
        from = 0;
        to = 6;
      } else {
        from = dayNumber(dow, m.group(1));
        to = m.group(2) == null ? (m.group(3) == null ? from : 7) : dayNumber(dow, m.group(2));
      }
      if (from > to) {
        throw new InvalidCronException(
            "day-of-week field \"" + dow + "\": range " + item + " runs backwards");
      }
      int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
      if (step < 1 || step > 7) {
        throw new InvalidCronException(
            "day-of-week field \"" + dow + "\": step " + step + " must be between 1 and 7");
      }
      for (int d = from; d <= to; d += step) {
        days[d % 7] = true;
      }
    }
    StringBuilder quartz = new StringBuilder();
    for (int d = 0; d < 7; d++) {
      if (days[d]) {
        quartz.append(quartz.length() == 0 ? "" : ",").append(d + 1);
      }
    }
    return quartz.toString();
  }

  private static int dayNumber(String field, String token) throws InvalidCronException {
    if (Character.isDigit(token.charAt(0))) {
      int n;
      try {
        n = Integer.parseInt(token);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 0 || n > 7) {
        throw new InvalidCronException(
            "day-of-week field \""
                + field
                + "\": "
                + token
                + " is not a day (0-7, 0 and 7 = Sunday)");
      }
      return n;
    }
    for (int d = 0; d < DAY_NAMES.length; d++) {
      if (DAY_NAMES[d].equals(token)) {
        return d;
      }
    }
    throw new InvalidCronException(
        "day-of-week field \"" + field + "\": " + token + " is not a day name (SUN-SAT)");
  }

  private static CronExpression quartz(String name, String quartzExpression)
      throws InvalidCronException {
    try {
      CronExpression cron = new CronExpression(quartzExpression);
      cron.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
      return cron;
    } catch (ParseException | RuntimeException e) {
      String reason = e.getMessage() == null ? "invalid" : e.getMessage().trim();
      throw new InvalidCronException(
          (name.equals("expression") ? "" : name + " field: ") + stripQuartzWords(reason));
    }
  }

  // Quartz's messages talk about its own 7-field syntax; keep just the reason.
  private static String stripQuartzWords(String reason) {
    return reason.replace(
        "Support for specifying both a day-of-week AND a day-of-month parameter is"
            + " not implemented.",
        "invalid day fields");
  }
}
