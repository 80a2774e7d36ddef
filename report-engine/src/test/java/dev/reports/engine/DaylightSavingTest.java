package dev.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.test.PostgresDatabase;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every local day, week and month gets exactly one run at its wall-clock time: in a spring-forward
 * gap at the first instant after the gap, in a fall-back overlap at the first occurrence. What
 * {@code upcoming} shows for a spec is what the stored trigger fires at.
 */
class DaylightSavingTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  static List<Instant> instants(String... utc) {
    return Arrays.stream(utc).map(Instant::parse).toList();
  }

  /** upcoming(spec) from {@code now}, checked against the trigger the engine stores for it. */
  static List<Instant> upcoming(String now, ScheduleSpec spec, int count) {
    try (ReportEngine engine = Engines.at(db.dataSource(), now)) {
      List<Instant> bySpec = engine.upcoming(spec, count);
      Schedule schedule = new Schedule(UUID.randomUUID(), spec, true);
      engine.schedule(schedule);
      assertThat(engine.upcoming(schedule.id(), count)).isEqualTo(bySpec);
      return bySpec;
    }
  }

  static LocalTime at(int h, int m) {
    return LocalTime.of(h, m);
  }

  @Test
  void berlinSpringForwardRunsAtTheEndOfTheGap() {
    assertThat(
            upcoming(
                "2026-03-27T12:00:00Z",
                ScheduleSpec.daily(at(2, 30), ZoneId.of("Europe/Berlin")),
                3))
        .isEqualTo(
            instants("2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"));
  }

  @Test
  void berlinFallBackRunsOnceAtTheFirstOccurrence() {
    assertThat(
            upcoming(
                "2026-10-23T12:00:00Z",
                ScheduleSpec.daily(at(2, 30), ZoneId.of("Europe/Berlin")),
                3))
        .isEqualTo(
            instants("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"));
  }

  @Test
  void newYorkAcrossBothChanges() {
    ZoneId ny = ZoneId.of("America/New_York");
    assertThat(upcoming("2026-03-06T12:00:00Z", ScheduleSpec.daily(at(2, 30), ny), 3))
        .isEqualTo(
            instants("2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"));
    assertThat(upcoming("2026-10-30T12:00:00Z", ScheduleSpec.daily(at(1, 30), ny), 3))
        .isEqualTo(
            instants("2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"));
    // a weekly Sunday 02:15 on the spring-forward Sunday
    assertThat(
            upcoming(
                "2026-03-02T12:00:00Z", ScheduleSpec.weekly(DayOfWeek.SUNDAY, at(2, 15), ny), 2))
        .isEqualTo(instants("2026-03-08T07:00:00Z", "2026-03-15T06:15:00Z"));
  }

  @Test
  void santiagoChangesAtMidnight() {
    ZoneId santiago = ZoneId.of("America/Santiago");
    // 2026-09-06 00:00 -04 jumps to 01:00 -03: the 00:30 run happens at 01:00 local
    assertThat(upcoming("2026-09-04T12:00:00Z", ScheduleSpec.daily(at(0, 30), santiago), 3))
        .isEqualTo(
            instants("2026-09-05T04:30:00Z", "2026-09-06T04:00:00Z", "2026-09-07T03:30:00Z"));
    // 2026-04-05 00:00 -03 falls back to 23:00 -04 on the 4th: 23:30 on the 4th happens twice
    assertThat(upcoming("2026-04-03T12:00:00Z", ScheduleSpec.daily(at(23, 30), santiago), 3))
        .isEqualTo(
            instants("2026-04-04T02:30:00Z", "2026-04-05T02:30:00Z", "2026-04-06T03:30:00Z"));
    // a monthly run on a day that starts in the gap
    assertThat(upcoming("2026-08-10T12:00:00Z", ScheduleSpec.monthly(6, at(0, 0), santiago), 2))
        .isEqualTo(instants("2026-09-06T04:00:00Z", "2026-10-06T03:00:00Z"));
  }

  @Test
  void cairoChangesAtMidnight() {
    assertThat(
            upcoming(
                "2026-04-22T12:00:00Z",
                ScheduleSpec.daily(at(0, 15), ZoneId.of("Africa/Cairo")),
                3))
        .isEqualTo(
            instants("2026-04-22T22:15:00Z", "2026-04-23T22:00:00Z", "2026-04-24T21:15:00Z"));
  }

  @Test
  void kolkataKeepsItsHalfHourOffset() {
    ZoneId kolkata = ZoneId.of("Asia/Kolkata");
    assertThat(upcoming("2026-03-04T00:00:00Z", ScheduleSpec.daily(at(9, 0), kolkata), 2))
        .isEqualTo(instants("2026-03-04T03:30:00Z", "2026-03-05T03:30:00Z"));
    assertThat(
            upcoming(
                "2026-03-04T00:00:00Z",
                ScheduleSpec.weekly(DayOfWeek.MONDAY, at(0, 10), kolkata),
                2))
        .isEqualTo(instants("2026-03-08T18:40:00Z", "2026-03-15T18:40:00Z"));
  }

  @Test
  void monthEndsAndLeapDays() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertThat(upcoming("2026-01-01T00:00:00Z", ScheduleSpec.monthly(28, at(9, 0), berlin), 3))
        .isEqualTo(
            instants("2026-01-28T08:00:00Z", "2026-02-28T08:00:00Z", "2026-03-28T08:00:00Z"));
    assertThat(upcoming("2026-01-01T00:00:00Z", ScheduleSpec.cron("0 9 31 * *", berlin), 4))
        .isEqualTo(
            instants(
                "2026-01-31T08:00:00Z",
                "2026-03-31T07:00:00Z",
                "2026-05-31T07:00:00Z",
                "2026-07-31T07:00:00Z"));
    assertThat(
            upcoming("2026-01-01T00:00:00Z", ScheduleSpec.cron("0 12 29 2 *", ZoneId.of("UTC")), 2))
        .isEqualTo(instants("2028-02-29T12:00:00Z", "2032-02-29T12:00:00Z"));
  }

  @Test
  void anHourlyCronFiresEachLocalHourOnce() {
    ZoneId ny = ZoneId.of("America/New_York");
    // fall back: 01:00 happens twice and runs once
    assertThat(upcoming("2026-11-01T03:30:00Z", ScheduleSpec.cron("0 * * * *", ny), 4))
        .isEqualTo(
            instants(
                "2026-11-01T04:00:00Z",
                "2026-11-01T05:00:00Z",
                "2026-11-01T07:00:00Z",
                "2026-11-01T08:00:00Z"));
    // spring forward: 02:00 does not exist and runs at 03:00, which also runs once
    assertThat(upcoming("2026-03-08T05:30:00Z", ScheduleSpec.cron("0 * * * *", ny), 3))
        .isEqualTo(
            instants("2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z"));
  }

  @Test
  void unixDayOfWeekAndDayOfMonthRules() {
    ZoneId utc = ZoneId.of("UTC");
    String now = "2026-03-01T00:00:00Z"; // a Sunday
    List<Instant> sundays = instants("2026-03-01T09:00:00Z", "2026-03-08T09:00:00Z");
    assertThat(upcoming(now, ScheduleSpec.cron("0 9 * * 0", utc), 2)).isEqualTo(sundays);
    assertThat(upcoming(now, ScheduleSpec.cron("0 9 * * 7", utc), 2)).isEqualTo(sundays);
    assertThat(upcoming(now, ScheduleSpec.cron("0 9 * * SUN", utc), 2)).isEqualTo(sundays);
    assertThat(upcoming(now, ScheduleSpec.cron("0 9 * * 5-7", utc), 3))
        .isEqualTo(
            instants("2026-03-01T09:00:00Z", "2026-03-06T09:00:00Z", "2026-03-07T09:00:00Z"));
    assertThat(upcoming(now, ScheduleSpec.cron("0 9 * * mon-fri", utc), 2))
        .isEqualTo(instants("2026-03-02T09:00:00Z", "2026-03-03T09:00:00Z"));
    // both day fields restricted: either matches (the 1st, or any Monday)
    assertThat(upcoming("2026-03-03T00:00:00Z", ScheduleSpec.cron("0 9 1 * 1", utc), 5))
        .isEqualTo(
            instants(
                "2026-03-09T09:00:00Z",
                "2026-03-16T09:00:00Z",
                "2026-03-23T09:00:00Z",
                "2026-03-30T09:00:00Z",
                "2026-04-01T09:00:00Z"));
    // a day field starting with * makes both apply: the 1st, 11th, 21st or 31st when a Monday
    assertThat(upcoming(now, ScheduleSpec.cron("0 9 */10 * 1", utc), 2))
        .isEqualTo(upcomingMondaysOn(now))
        .isEqualTo(instants("2026-05-11T09:00:00Z", "2026-06-01T09:00:00Z"));
  }

  private static List<Instant> upcomingMondaysOn(String now) {
    // computed by brute force over the calendar, independently of the engine
    java.time.LocalDate d = java.time.LocalDate.parse(now.substring(0, 10));
    java.util.List<Instant> out = new java.util.ArrayList<>();
    while (out.size() < 2) {
      if (d.getDayOfWeek() == DayOfWeek.MONDAY && (d.getDayOfMonth() - 1) % 10 == 0) {
        out.add(d.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC));
      }
      d = d.plusDays(1);
    }
    return out;
  }
}
