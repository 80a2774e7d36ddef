package dev.reports.service.schedule;

import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULE_RECIPIENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.reports.engine.ReportEngine;
import dev.reports.engine.ReportEngineException;
import dev.reports.engine.schedule.FieldError;
import dev.reports.engine.schedule.InvalidScheduleException;
import dev.reports.engine.schedule.Schedule;
import dev.reports.service.testing.TestData;
import dev.reports.test.PostgresDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A schedule's row, its recipients and its trigger change together or not at all. The engine is a
 * mock here because a failing scheduler is what no real one shows on demand.
 */
class SchedulesTransactionTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static DSLContext dsl;
  static UUID org;
  static UUID user;
  static UUID link;
  static final ReportEngine engine = mock(ReportEngine.class);
  static final Instant NEXT = Instant.parse("2026-03-09T04:30:00Z");
  Schedules schedules;

  @BeforeAll
  static void seed() {
    dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    TestData.Org seeded = new TestData(dsl).org("Org");
    org = seeded.id();
    user = seeded.admin();
    link = seeded.link();
  }

  @BeforeEach
  void setUp() {
    reset(engine);
    when(engine.schedule(any())).thenReturn(Optional.of(NEXT));
    schedules = new Schedules(dsl, engine);
  }

  private static ScheduleInput daily(String time) {
    return new ScheduleInput(
        link.toString(),
        "daily",
        time,
        null,
        null,
        null,
        "Europe/Moscow",
        true,
        false,
        null,
        List.of(new ScheduleInput.RecipientInput("email", user.toString(), null)));
  }

  private static List<Object> rows() {
    return List.of(
        dsl.selectFrom(SHARED_REPORT_SCHEDULES).orderBy(SHARED_REPORT_SCHEDULES.ID).fetch(),
        dsl.selectFrom(SHARED_REPORT_SCHEDULE_RECIPIENTS)
            .orderBy(SHARED_REPORT_SCHEDULE_RECIPIENTS.ID)
            .fetch());
  }

  @Test
  void createStoresTheEnginesNextRun() {
    StoredSchedule s = schedules.create(org, user, daily("07:30"));
    assertThat(s.nextRunAt()).isEqualTo(NEXT);
    verify(engine).schedule(new Schedule(s.id(), s.draft().spec(), true));

    when(engine.schedule(any())).thenReturn(Optional.empty());
    StoredSchedule never = schedules.create(org, user, daily("08:00"));
    assertThat(never.nextRunAt()).isNull();
  }

  @Test
  void aTriggerThatFiresAtOnceFindsItsSchedule() {
    AtomicBoolean visible = new AtomicBoolean();
    when(engine.schedule(any()))
        .thenAnswer(
            call -> {
              // What the engine's run job would read, from another connection, if it fired now.
              Schedule schedule = call.getArgument(0);
              visible.set(new JooqReportDefinitions(dsl).find(schedule.id()).isPresent());
              return Optional.of(NEXT);
            });

    schedules.create(org, user, daily("07:30"));

    assertThat(visible).isTrue();
  }

  @Test
  void whenTheEngineFailsCreateWritesNothing() {
    List<Object> before = rows();
    when(engine.schedule(any())).thenThrow(new ReportEngineException("scheduler unavailable"));

    assertThatThrownBy(() -> schedules.create(org, user, daily("07:30")))
        .hasMessage("scheduler unavailable");

    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void whenTheEngineRefusesTheSpecNothingIsWrittenOrScheduled() {
    List<Object> before = rows();
    doThrow(
            new InvalidScheduleException(
                List.of(new FieldError("cron_expression", "fires more often than every 1h"))))
        .when(engine)
        .validate(any());

    assertThatThrownBy(() -> schedules.create(org, user, daily("07:30")))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("cron_expression"));

    verify(engine, never()).schedule(any());
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void whenTheEngineFailsUpdateChangesNothing() {
    StoredSchedule s = schedules.create(org, user, daily("07:30"));
    List<Object> before = rows();
    when(engine.schedule(any())).thenThrow(new ReportEngineException("scheduler unavailable"));

    SchedulePatch patch =
        new SchedulePatch(
            new ScheduleInput(
                null, null, "09:00", null, null, null, null, null, null, null, List.of()),
            Set.of("scheduled_time", "recipients"));
    assertThatThrownBy(() -> schedules.update(org, s.id(), patch))
        .isInstanceOf(ReportEngineException.class);

    assertThat(rows()).isEqualTo(before);
    assertThat(schedules.find(org, s.id()).orElseThrow()).isEqualTo(s);
  }

  @Test
  void whenTheEngineCannotUnscheduleDeleteChangesNothing() {
    StoredSchedule s = schedules.create(org, user, daily("07:30"));
    doThrow(new ReportEngineException("scheduler unavailable")).when(engine).unschedule(s.id());

    assertThatThrownBy(() -> schedules.delete(org, s.id()))
        .isInstanceOf(ReportEngineException.class);

    assertThat(schedules.find(org, s.id())).contains(s);
  }

  @Test
  void anUnchangedPatchDoesNotTouchTheTrigger() {
    StoredSchedule s = schedules.create(org, user, daily("07:30"));
    reset(engine);

    assertThat(
            schedules.update(
                org,
                s.id(),
                new SchedulePatch(daily("07:30"), Set.of("scheduled_time", "recipients"))))
        .contains(s);

    verify(engine, never()).schedule(any());
  }

  @Test
  void anotherOrganizationsScheduleIsNotFoundAndNotTouched() {
    StoredSchedule s = schedules.create(org, user, daily("07:30"));
    UUID stranger = UUID.randomUUID();
    reset(engine);

    assertThat(schedules.find(stranger, s.id())).isEmpty();
    assertThat(
            schedules.update(
                stranger, s.id(), new SchedulePatch(daily("09:00"), Set.of("scheduled_time"))))
        .isEmpty();
    assertThat(schedules.delete(stranger, s.id())).isFalse();
    assertThat(schedules.runNow(stranger, s.id())).isEmpty();
    assertThat(schedules.upcoming(stranger, s.id(), 3)).isEmpty();
    assertThat(schedules.notifications(stranger, s.id(), Optional.empty(), 10)).isEmpty();

    verify(engine, never()).schedule(any());
    verify(engine, never()).unschedule(any());
    verify(engine, never()).runNow(any());
    verify(engine, never()).runNow(any(), any());
    assertThat(schedules.find(org, s.id())).contains(s);
  }
}
