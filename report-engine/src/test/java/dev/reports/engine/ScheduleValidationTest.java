package dev.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reports.engine.schedule.Cadence;
import dev.reports.engine.schedule.FieldError;
import dev.reports.engine.schedule.InvalidScheduleException;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.test.PostgresDatabase;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleValidationTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static ReportEngine engine;

  @BeforeAll
  static void engine() {
    engine = Engines.withFakes(db.dataSource()).build();
  }

  static List<FieldError> errorsOf(ScheduleSpec spec) {
    InvalidScheduleException e =
        catchThrowableOfType(InvalidScheduleException.class, () -> engine.validate(spec));
    assertThat(e).as("expected %s to be invalid", spec).isNotNull();
    return e.errors();
  }

  static List<FieldError> errorsOf(Runnable parse) {
    InvalidScheduleException e = catchThrowableOfType(InvalidScheduleException.class, parse::run);
    assertThat(e).isNotNull();
    return e.errors();
  }

  @Test
  void anUnknownTimeZoneIsNamed() {
    assertThat(errorsOf(() -> ScheduleSpec.of("daily", "09:00", null, null, null, "Mars/Olympus")))
        .extracting(FieldError::field, FieldError::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "timezone",
                "unknown time zone \"Mars/Olympus\"; use an IANA name such as Europe/Berlin"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+03:00", "UTC+3", "GMT-05:00"})
  void aFixedOffsetIsNotATimeZone(String zone) {
    assertThat(errorsOf(() -> ScheduleSpec.of("daily", "09:00", null, null, null, zone)))
        .extracting(FieldError::field)
        .containsExactly("timezone");
  }

  @ParameterizedTest
  @ValueSource(strings = {"25:00", "9:00", "09:60", "09:00:30", "noon", ""})
  void aBadTimeIsNamed(String time) {
    assertThat(errorsOf(() -> ScheduleSpec.of("daily", time, null, null, null, "Europe/Berlin")))
        .extracting(FieldError::field)
        .containsExactly("scheduled_time");
  }

  @Test
  void everyUnreadableFieldIsReportedAtOnce() {
    assertThat(errorsOf(() -> ScheduleSpec.of("hourly", "25:00", "funday", null, null, "Nowhere")))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("timezone", "cadence", "scheduled_time", "day_of_week");
  }

  @Test
  void apiFieldsBecomeASpec() {
    ScheduleSpec spec = ScheduleSpec.of("weekly", "07:45", "friday", null, null, "Asia/Kolkata");
    assertThat(spec)
        .isEqualTo(
            ScheduleSpec.weekly(DayOfWeek.FRIDAY, LocalTime.of(7, 45), ZoneId.of("Asia/Kolkata")));
    assertThat(ScheduleSpec.of(null, null, null, null, "0 9 * * 1-5", "UTC").cron())
        .isEqualTo("0 9 * * 1-5");
  }

  @Test
  void cadenceAndCronTogetherOrNeitherAreRejected() {
    assertThat(errorsOf(() -> ScheduleSpec.of("daily", "09:00", null, null, "0 9 * * *", "UTC")))
        .extracting(FieldError::field)
        .containsExactly("cron_expression");
    assertThat(errorsOf(() -> ScheduleSpec.of(null, null, null, null, null, "UTC")))
        .extracting(FieldError::field)
        .containsExactly("cadence");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "61 * * * *|minute",
        "0 24 * * *|hour",
        "0 9 32 * *|day-of-month",
        "0 9 * 13 *|month",
        "0 9 * * 8|day-of-week",
        "0 9 * * funday|day-of-week",
        "0 9 * *|4 fields",
        "0 9 * * * *|6 fields",
        "0 9 ? * MON|not Unix cron syntax",
        "0 9 LW * *|not Unix cron syntax",
        "0 9 * * 1#2|not Unix cron syntax",
        "0 9 * * 5-1|runs backwards",
        "0 22-2 * * *|runs backwards",
        "0 8 * * 1-99999999999|day-of-week field",
        "0 8 * * */99999999999|day-of-week field",
        "0 8 * * 2147483648|day-of-week field",
        "0 1-99999999999 * * *|hour field",
        "0 8 1-99999999999 * *|day-of-month field",
        "0 8 * 1-99999999999 *|month field",
        "99999999999999999999 8 * * *|out of range 0-59",
        "0 */30 * * *|step 30 must be between 1 and 23",
        "*/60 * * * *|step 60 must be between 1 and 59",
        "0 0/0 * * *|step 0 must be between 1 and 23",
        "0 8 */32 * *|step 32 must be between 1 and 30",
        "0 8 * */12 *|step 12 must be between 1 and 11",
        "0 8 1/2/3 * *|two steps"
      })
  void aBadCronSaysWhatIsWrong(String cron, String words) {
    assertThat(errorsOf(ScheduleSpec.cron(cron, BERLIN)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("cron_expression");
              assertThat(e.message()).contains(words);
            });
  }

  @Test
  void aCronFiringMoreOftenThanTheMinimumIntervalIsRejected() {
    assertThat(errorsOf(ScheduleSpec.cron("*/30 * * * *", BERLIN)))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .isEqualTo(
                        "fires every 30 minutes at times; schedules may run at most every hour"));
    assertThat(errorsOf(ScheduleSpec.cron("0,10 9 * * *", BERLIN))).hasSize(1);
    assertThatCode(() -> engine.validate(ScheduleSpec.cron("0 * * * *", BERLIN)))
        .doesNotThrowAnyException();
  }

  @Test
  void theMinimumIntervalIsConfigurableAndCountsAcrossMidnight() {
    ReportEngine strict =
        Engines.withFakes(db.dataSource()).minimumInterval(Duration.ofHours(2)).build();
    assertThat(
            catchThrowableOfType(
                    InvalidScheduleException.class,
                    () -> strict.validate(ScheduleSpec.cron("0 0,23 * * *", BERLIN)))
                .errors())
        .singleElement()
        .extracting(FieldError::message)
        .asString()
        .contains("fires every hour");
    // 23:00 then 00:00 only on days that are not adjacent: never an hour apart
    assertThatCode(() -> strict.validate(ScheduleSpec.cron("0 0,23 * * 1", BERLIN)))
        .doesNotThrowAnyException();
    ReportEngine dev =
        Engines.withFakes(db.dataSource()).minimumInterval(Duration.ofMinutes(1)).build();
    assertThatCode(() -> dev.validate(ScheduleSpec.cron("* * * * *", BERLIN)))
        .doesNotThrowAnyException();
  }

  @Test
  void aCronThatNeverFiresIsRejected() {
    assertThat(errorsOf(ScheduleSpec.cron("0 9 30 2 *", BERLIN)))
        .singleElement()
        .extracting(FieldError::message)
        .asString()
        .contains("never fires");
  }

  @Test
  void cadenceFieldsAreChecked() {
    assertThat(errorsOf(ScheduleSpec.monthly(29, LocalTime.of(9, 0), BERLIN)))
        .extracting(FieldError::field)
        .containsExactly("day_of_month");
    assertThat(errorsOf(ScheduleSpec.daily(LocalTime.of(9, 0, 30), BERLIN)))
        .extracting(FieldError::field)
        .containsExactly("scheduled_time");
    assertThat(errorsOf(new ScheduleSpec(Cadence.DAILY, null, DayOfWeek.MONDAY, 3, null, BERLIN)))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("scheduled_time", "day_of_week", "day_of_month");
    assertThat(errorsOf(new ScheduleSpec(null, LocalTime.NOON, null, null, "0 9 * * *", BERLIN)))
        .extracting(FieldError::field)
        .containsExactly("scheduled_time");
  }

  @Test
  void aCadenceHasAnEquivalentUnixCron() {
    assertThat(ScheduleSpec.daily(LocalTime.of(9, 5), BERLIN).unixCron()).isEqualTo("5 9 * * *");
    assertThat(ScheduleSpec.weekly(DayOfWeek.SUNDAY, LocalTime.of(18, 30), BERLIN).unixCron())
        .isEqualTo("30 18 * * 0");
    assertThat(ScheduleSpec.weekly(DayOfWeek.MONDAY, LocalTime.of(0, 0), BERLIN).unixCron())
        .isEqualTo("0 0 * * 1");
    assertThat(
            new ScheduleSpec(Cadence.WEEKLY, LocalTime.of(7, 0), null, null, null, BERLIN)
                .unixCron())
        .isEqualTo("0 7 * * 1");
    assertThat(ScheduleSpec.monthly(15, LocalTime.of(23, 59), BERLIN).unixCron())
        .isEqualTo("59 23 15 * *");
    assertThat(ScheduleSpec.cron("  0  9 * *   1-5 ", BERLIN).unixCron()).isEqualTo("0 9 * * 1-5");
  }
}
