package dev.reports.service.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.service.schedule.ScheduleInput.RecipientInput;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulePatchTest {
  private static final ScheduleInput WEEKLY =
      new ScheduleInput(
          "link",
          "weekly",
          "07:30",
          "friday",
          null,
          null,
          "Europe/Moscow",
          true,
          false,
          true,
          List.of(new RecipientInput("email", "u", null)));
  private static final ScheduleInput CRON =
      new ScheduleInput(
          "link", null, null, null, null, "0 8 * * 1-5", "UTC", false, true, true, List.of());

  private static SchedulePatch patch(ScheduleInput values, String... present) {
    return new SchedulePatch(values, Set.of(present));
  }

  private static ScheduleInput only(String field, Object value) {
    return new ScheduleInput(
        field.equals("shared_link_id") ? (String) value : null,
        field.equals("cadence") ? (String) value : null,
        field.equals("scheduled_time") ? (String) value : null,
        field.equals("day_of_week") ? (String) value : null,
        field.equals("day_of_month") ? (Integer) value : null,
        field.equals("cron_expression") ? (String) value : null,
        field.equals("timezone") ? (String) value : null,
        field.equals("send_email") ? (Boolean) value : null,
        field.equals("send_telegram") ? (Boolean) value : null,
        field.equals("enabled") ? (Boolean) value : null,
        null);
  }

  @Test
  void anEmptyPatchKeepsEverything() {
    assertThat(patch(only("x", null)).applyTo(WEEKLY)).isEqualTo(WEEKLY);
  }

  @Test
  void aNamedFieldTakesItsValueAndTheOthersStay() {
    ScheduleInput patched = patch(only("timezone", "UTC"), "timezone").applyTo(WEEKLY);
    assertThat(patched.timezone()).isEqualTo("UTC");
    assertThat(patched.dayOfWeek()).isEqualTo("friday");
    assertThat(patched.recipients()).isEqualTo(WEEKLY.recipients());
  }

  @Test
  void aNamedNullClearsTheField() {
    assertThat(patch(only("x", null), "day_of_week").applyTo(WEEKLY).dayOfWeek()).isNull();
    assertThat(patch(only("x", null), "recipients").applyTo(WEEKLY).recipients()).isNull();
  }

  @Test
  void namingOnlyACronDropsTheCadenceFields() {
    ScheduleInput patched =
        patch(only("cron_expression", "0 9 * * *"), "cron_expression").applyTo(WEEKLY);
    assertThat(patched.cadence()).isNull();
    assertThat(patched.scheduledTime()).isNull();
    assertThat(patched.dayOfWeek()).isNull();
    assertThat(patched.cronExpression()).isEqualTo("0 9 * * *");
  }

  @Test
  void namingOnlyACadenceDropsTheCron() {
    ScheduleInput patched = patch(only("cadence", "daily"), "cadence").applyTo(CRON);
    assertThat(patched.cadence()).isEqualTo("daily");
    assertThat(patched.cronExpression()).isNull();
    assertThat(patched.scheduledTime()).isNull();
  }

  @Test
  void namingBothKeepsBothForValidationToRefuse() {
    ScheduleInput values =
        new ScheduleInput(
            null, "daily", null, null, null, "0 9 * * *", null, null, null, null, null);
    ScheduleInput patched = patch(values, "cadence", "cron_expression").applyTo(WEEKLY);
    assertThat(patched.cadence()).isEqualTo("daily");
    assertThat(patched.cronExpression()).isEqualTo("0 9 * * *");
  }

  @Test
  void aDayTheNewCadenceDoesNotUseIsDropped() {
    ScheduleInput daily = patch(only("cadence", "daily"), "cadence").applyTo(WEEKLY);
    assertThat(daily.dayOfWeek()).isNull();
    ScheduleInput monthly = patch(only("cadence", "monthly"), "cadence").applyTo(WEEKLY);
    assertThat(monthly.dayOfWeek()).isNull();
    assertThat(monthly.dayOfMonth()).isNull();
  }

  @Test
  void aNamedDayIsKeptEvenWhenTheCadenceDoesNotUseIt() {
    ScheduleInput values =
        new ScheduleInput(null, "daily", null, "monday", null, null, null, null, null, null, null);
    assertThat(patch(values, "cadence", "day_of_week").applyTo(WEEKLY).dayOfWeek())
        .isEqualTo("monday");
  }
}
