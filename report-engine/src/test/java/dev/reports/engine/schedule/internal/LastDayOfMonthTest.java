package dev.reports.engine.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.schedule.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A monthly cadence on {@code day_of_month: "last"}: the last day of every month, DST-correct. */
class LastDayOfMonthTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private final Specs specs = new Specs(Duration.ofMinutes(5), false);

  @Test
  void itIsStoredAsTheCronOfTheLastDay() {
    ScheduleSpec spec = ScheduleSpec.monthlyOnLastDay(LocalTime.of(9, 30), BERLIN);

    assertThat(spec.unixCron()).isEqualTo("30 9 L * *");
    assertThat(spec.isLastDayOfMonth()).isTrue();
    assertThat(specs.recurrence(spec).cron().expression()).isEqualTo("30 9 L * *");
  }

  @Test
  void firesOnTheLastDayOfEachMonthAtTheWallClockTimeAcrossDaylightSavingAndALeapYear() {
    Recurrence r = specs.recurrence(ScheduleSpec.monthlyOnLastDay(LocalTime.of(9, 0), BERLIN));

    List<Instant> next = r.next(Instant.parse("2024-01-15T00:00:00Z"), 11);

    assertThat(next)
        .containsExactly(
            Instant.parse("2024-01-31T08:00:00Z"), // CET, +01:00
            Instant.parse("2024-02-29T08:00:00Z"), // a leap year
            Instant.parse("2024-03-31T07:00:00Z"), // CEST from that very day, +02:00
            Instant.parse("2024-04-30T07:00:00Z"),
            Instant.parse("2024-05-31T07:00:00Z"),
            Instant.parse("2024-06-30T07:00:00Z"),
            Instant.parse("2024-07-31T07:00:00Z"),
            Instant.parse("2024-08-31T07:00:00Z"),
            Instant.parse("2024-09-30T07:00:00Z"),
            Instant.parse("2024-10-31T08:00:00Z"), // CET again since Oct 27
            Instant.parse("2024-11-30T08:00:00Z"));
  }

  @Test
  void februaryHasTwentyEightDaysOutsideLeapYears() {
    Recurrence r = specs.recurrence(ScheduleSpec.monthlyOnLastDay(LocalTime.of(23, 59), BERLIN));

    assertThat(r.next(Instant.parse("2025-02-01T00:00:00Z"), 3))
        .containsExactly(
            Instant.parse("2025-02-28T22:59:00Z"),
            Instant.parse("2025-03-31T21:59:00Z"),
            Instant.parse("2025-04-30T21:59:00Z"));
    assertThat(r.next(Instant.parse("2100-02-01T00:00:00Z")))
        .contains(Instant.parse("2100-02-28T22:59:00Z")); // 2100 is not a leap year
  }

  @Test
  void aTimeTheSpringForwardGapSkipsOnTheLastDayFiresWhenTheGapEnds() {
    // 2024-03-31 is both the last day of March and the day Berlin skips 02:00-03:00
    Recurrence r = specs.recurrence(ScheduleSpec.monthlyOnLastDay(LocalTime.of(2, 30), BERLIN));

    assertThat(r.next(Instant.parse("2024-03-01T00:00:00Z"), 2))
        .containsExactly(
            Instant.parse("2024-03-31T01:00:00Z"), // 03:00 CEST, the end of the gap
            Instant.parse("2024-04-30T00:30:00Z"));
  }

  @Test
  void aCronExpressionMayNameTheLastDayToo() {
    Recurrence r = specs.recurrence(ScheduleSpec.cron("0 18 L * *", ZoneId.of("America/New_York")));

    assertThat(r.next(Instant.parse("2026-10-15T00:00:00Z"), 2))
        .containsExactly(
            Instant.parse("2026-10-31T22:00:00Z"), // EDT
            Instant.parse("2026-11-30T23:00:00Z")); // EST since Nov 1
  }
}
