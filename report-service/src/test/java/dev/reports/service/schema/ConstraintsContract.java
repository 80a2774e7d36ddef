package dev.reports.service.schema;

import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_EMAIL_RECIPIENTS;
import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULE_RECIPIENTS;
import static dev.reports.jooq.Tables.USERS;
import static dev.reports.jooq.Tables.VIDEOS;
import static dev.reports.jooq.Tables.VIDEO_STATISTICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.reports.jooq.tables.records.OrganizationsRecord;
import dev.reports.jooq.tables.records.SharedReportRunsRecord;
import dev.reports.jooq.tables.records.SharedReportSchedulesRecord;
import dev.reports.jooq.tables.records.UsersRecord;
import dev.reports.jooq.tables.records.VideosRecord;
import dev.reports.service.config.DatabaseVendor;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every constraint of the schema rejects what it should and accepts what it should: run against
 * PostgreSQL and against H2 (dev mode), which replays the same migrations.
 */
abstract class ConstraintsContract {
  private Rows rows;

  abstract DSLContext dsl();

  abstract DatabaseVendor vendor();

  @BeforeEach
  void rows() {
    rows = new Rows(dsl());
  }

  private void rejects(Violation violation, ThrowingCallable statement, String... names) {
    violation.assertRejects(vendor(), statement, names);
  }

  @Test
  void anEmailRecipientNeedsAUserAndNoChat() {
    SharedReportSchedulesRecord schedule = rows.schedule();
    rejects(
        Violation.CHECK,
        () -> rows.recipient(schedule, r -> r.setUserId(null)),
        "shared_report_schedule_recipients_channel_chk");
    rejects(
        Violation.CHECK,
        () -> rows.recipient(schedule, r -> r.setTelegramChatId(-100L)),
        "shared_report_schedule_recipients_channel_chk");
    assertThatCode(() -> rows.recipient(schedule, r -> {})).doesNotThrowAnyException();
  }

  @Test
  void aTelegramRecipientNeedsAChatAndNoUser() {
    SharedReportSchedulesRecord schedule = rows.schedule();
    rejects(
        Violation.CHECK,
        () -> rows.recipient(schedule, r -> r.setChannel("telegram").setTelegramChatId(-100L)),
        "shared_report_schedule_recipients_channel_chk");
    rejects(
        Violation.CHECK,
        () -> rows.recipient(schedule, r -> r.setChannel("telegram").setUserId(null)),
        "shared_report_schedule_recipients_channel_chk");
    assertThatCode(
            () ->
                rows.recipient(
                    schedule,
                    r -> r.setChannel("telegram").setUserId(null).setTelegramChatId(-100L)))
        .doesNotThrowAnyException();
  }

  @Test
  void aRecipientChannelIsEmailOrTelegram() {
    rejects(
        Violation.CHECK,
        () -> rows.recipient(rows.schedule(), r -> r.setChannel("sms")),
        "shared_report_schedule_recipients_channel_check",
        "shared_report_schedule_recipients_channel_chk");
  }

  @Test
  void aScheduleListsAUserOrAChatOnce() {
    SharedReportSchedulesRecord schedule = rows.schedule();
    UUID user = rows.recipient(schedule, r -> {}).getUserId();
    rejects(
        Violation.UNIQUE,
        () -> rows.recipient(schedule, r -> r.setUserId(user)),
        "shared_report_schedule_recipients_user_uq");
    rows.recipient(schedule, r -> r.setChannel("telegram").setUserId(null).setTelegramChatId(7L));
    rejects(
        Violation.UNIQUE,
        () ->
            rows.recipient(
                schedule, r -> r.setChannel("telegram").setUserId(null).setTelegramChatId(7L)),
        "shared_report_schedule_recipients_chat_uq");
    // the same chat on another schedule is fine
    assertThatCode(
            () ->
                rows.recipient(
                    rows.schedule(),
                    r -> r.setChannel("telegram").setUserId(null).setTelegramChatId(7L)))
        .doesNotThrowAnyException();
  }

  @Test
  void aRecipientUserMustExist() {
    rejects(
        Violation.MISSING_PARENT,
        () -> rows.recipient(rows.schedule(), r -> r.setUserId(UUID.randomUUID())),
        "shared_report_schedule_recipients_user_id_fkey");
  }

  @Test
  void aScheduleKnowsOnlyTheFiveRunOutcomes() {
    for (String status :
        new String[] {
          "succeeded", "partially_failed", "failed", "skipped_missed", "skipped_empty"
        }) {
      assertThatCode(() -> rows.schedule(s -> s.setLastRunStatus(status)))
          .doesNotThrowAnyException();
    }
    rejects(
        Violation.CHECK,
        () -> rows.schedule(s -> s.setLastRunStatus("done")),
        "shared_report_schedules_last_run_status_check");
  }

  @Test
  void aCadenceIsDailyWeeklyOrMonthly() {
    rejects(
        Violation.CHECK,
        () -> rows.schedule(s -> s.setCadence("hourly")),
        "shared_report_schedules_cadence_check");
  }

  @Test
  void aCadenceNeedsItsTimeOfDayButACronDoesNot() {
    rejects(
        Violation.CHECK,
        () -> rows.schedule(s -> s.setScheduledTime(null)),
        "shared_report_schedules_cadence_time_chk");
    assertThatCode(
            () ->
                rows.schedule(
                    s ->
                        s.setCadence(null)
                            .setScheduledTime(null)
                            .setCronExpression("*/90 * * * *")))
        .doesNotThrowAnyException();
  }

  @Test
  void theDayOfWeekIsOneToSevenAndOnlyForWeekly() {
    for (short day : new short[] {1, 7}) {
      assertThatCode(() -> rows.schedule(s -> s.setCadence("weekly").setDayOfWeek(day)))
          .doesNotThrowAnyException();
    }
    for (short day : new short[] {0, 8}) {
      rejects(
          Violation.CHECK,
          () -> rows.schedule(s -> s.setCadence("weekly").setDayOfWeek(day)),
          "shared_report_schedules_day_of_week_check");
    }
    rejects(
        Violation.CHECK,
        () -> rows.schedule(s -> s.setDayOfWeek((short) 1)),
        "shared_report_schedules_weekly_chk");
    // a cron schedule has no cadence; its day is in the expression, not in this column
    rejects(
        Violation.CHECK,
        () -> rows.schedule(s -> s.setCadence(null).setDayOfWeek((short) 1)),
        "shared_report_schedules_weekly_chk");
  }

  @Test
  void theDayOfMonthIsOneToTwentyEightOrTheLastAndOnlyForMonthly() {
    for (short day : new short[] {1, 28}) {
      assertThatCode(() -> rows.schedule(s -> s.setCadence("monthly").setDayOfMonth(day)))
          .doesNotThrowAnyException();
    }
    // -1 is the last day of the month
    assertThatCode(() -> rows.schedule(s -> s.setCadence("monthly").setDayOfMonth((short) -1)))
        .doesNotThrowAnyException();
    for (short day : new short[] {0, 29, -2}) {
      rejects(
          Violation.CHECK,
          () -> rows.schedule(s -> s.setCadence("monthly").setDayOfMonth(day)),
          "shared_report_schedules_day_of_month_check");
    }
    rejects(
        Violation.CHECK,
        () -> rows.schedule(s -> s.setCadence("weekly").setDayOfMonth((short) 1)),
        "shared_report_schedules_monthly_chk");
    rejects(
        Violation.CHECK,
        () -> rows.schedule(s -> s.setCadence(null).setDayOfMonth((short) 1)),
        "shared_report_schedules_monthly_chk");
  }

  @Test
  void aScheduleNameIsOneTo200CharactersAndItsCsvDelimiterIsNamed() {
    assertThatCode(
            () ->
                rows.schedule(
                    s -> s.setName("x".repeat(200)).setCsvDelimiter("tab").setCsvBom(true)))
        .doesNotThrowAnyException();
    rejects(
        Violation.CHECK,
        () -> rows.schedule(s -> s.setName("")),
        "shared_report_schedules_name_chk");
    rejects(
        Violation.CHECK,
        () -> rows.schedule(s -> s.setCsvDelimiter("|")),
        "shared_report_schedules_csv_delimiter_chk");
  }

  @Test
  void aScheduleNeedsItsCronTimezoneOrganizationAndLink() {
    rejects(
        Violation.NOT_NULL, () -> rows.schedule(s -> s.setCronExpression(null)), "cron_expression");
    rejects(Violation.NOT_NULL, () -> rows.schedule(s -> s.setTimezone(null)), "timezone");
    rejects(
        Violation.MISSING_PARENT,
        () -> rows.schedule(s -> s.setSharedLinkId(UUID.randomUUID())),
        "shared_report_schedules_shared_link_id_fkey");
    rejects(
        Violation.MISSING_PARENT,
        () -> rows.schedule(s -> s.setOrganizationId(UUID.randomUUID())),
        "shared_report_schedules_organization_id_fkey");
  }

  @Test
  void aRunKnowsOnlyItsKindsAndStatuses() {
    SharedReportSchedulesRecord schedule = rows.schedule();
    for (String kind : new String[] {"scheduled", "manual", "missed"}) {
      assertThatCode(() -> rows.run(schedule, r -> r.setKind(kind))).doesNotThrowAnyException();
    }
    for (String status :
        new String[] {
          "running", "succeeded", "partially_failed", "failed", "skipped_missed", "skipped_empty"
        }) {
      assertThatCode(() -> rows.run(schedule, r -> r.setStatus(status))).doesNotThrowAnyException();
    }
    rejects(
        Violation.CHECK,
        () -> rows.run(schedule, r -> r.setKind("cron")),
        "shared_report_runs_kind_check");
    rejects(
        Violation.CHECK,
        () -> rows.run(schedule, r -> r.setStatus("done")),
        "shared_report_runs_status_check");
  }

  @Test
  void aScheduleRunsOncePerInstant() {
    SharedReportSchedulesRecord schedule = rows.schedule();
    OffsetDateTime instant = OffsetDateTime.of(2026, 3, 8, 6, 30, 0, 0, ZoneOffset.UTC);
    rows.run(schedule, r -> r.setScheduledFor(instant));
    rejects(
        Violation.UNIQUE,
        () -> rows.run(schedule, r -> r.setScheduledFor(instant).setKind("missed")),
        "shared_report_runs_schedule_instant_uq");
    // the same instant written in another offset is the same instant
    rejects(
        Violation.UNIQUE,
        () ->
            rows.run(
                schedule,
                r -> r.setScheduledFor(instant.withOffsetSameInstant(ZoneOffset.ofHours(3)))),
        "shared_report_runs_schedule_instant_uq");
    assertThatCode(() -> rows.run(rows.schedule(), r -> r.setScheduledFor(instant)))
        .doesNotThrowAnyException();
  }

  @Test
  void aRunDeliversOncePerChannelAndRecipient() {
    SharedReportRunsRecord run = rows.run(rows.schedule());
    String key = rows.notification(run, n -> {}).getRecipientKey();
    rejects(
        Violation.UNIQUE,
        () -> rows.notification(run, n -> n.setStatus("failed")),
        "shared_report_notifications_run_recipient_uq");
    // the same key on the other channel, or in another run, is another delivery
    assertThatCode(
            () ->
                rows.notification(
                    run,
                    n -> n.setChannel("telegram").setRecipientUserId(null).setRecipientKey(key)))
        .doesNotThrowAnyException();
    assertThatCode(() -> rows.notification(rows.run(rows.schedule()), n -> n.setRecipientKey(key)))
        .doesNotThrowAnyException();
  }

  @Test
  void aDeliveryKnowsOnlyItsStatusesAndChannels() {
    SharedReportRunsRecord run = rows.run(rows.schedule());
    for (String status : new String[] {"pending", "sent", "failed", "skipped"}) {
      assertThatCode(
              () -> rows.notification(run, n -> n.setStatus(status).setRecipientKey("k-" + status)))
          .doesNotThrowAnyException();
    }
    rejects(
        Violation.CHECK,
        () -> rows.notification(run, n -> n.setStatus("delivered").setRecipientKey("x")),
        "shared_report_notifications_status_check");
    rejects(
        Violation.CHECK,
        () -> rows.notification(run, n -> n.setChannel("sms").setRecipientKey("y")),
        "shared_report_notifications_channel_check",
        "shared_report_notifications_recipient_chk");
  }

  @Test
  void aDeliveryNamesOnlyTheRecipientItsChannelHas() {
    SharedReportRunsRecord run = rows.run(rows.schedule());
    rejects(
        Violation.CHECK,
        () -> rows.notification(run, n -> n.setTelegramChatId(-100L)),
        "shared_report_notifications_recipient_chk");
    rejects(
        Violation.CHECK,
        () -> rows.notification(run, n -> n.setChannel("telegram").setTelegramChatId(-100L)),
        "shared_report_notifications_recipient_chk");
  }

  @Test
  void aScheduleWithDeliveryHistoryCannotBeHardDeletedOnlyMarked() {
    SharedReportSchedulesRecord schedule = rows.schedule();
    SharedReportRunsRecord run = rows.run(schedule);
    rows.notification(run, n -> {});
    DSLContext dsl = dsl();
    rejects(
        Violation.STILL_REFERENCED,
        () ->
            dsl.deleteFrom(SHARED_REPORT_SCHEDULES)
                .where(SHARED_REPORT_SCHEDULES.ID.eq(schedule.getId()))
                .execute(),
        "shared_report_notifications_schedule_id_fkey",
        "shared_report_runs_schedule_id_fkey");

    // the API's delete marks the row; its history stays readable
    dsl.update(SHARED_REPORT_SCHEDULES)
        .set(SHARED_REPORT_SCHEDULES.DELETED_AT, OffsetDateTime.now(ZoneOffset.UTC))
        .where(SHARED_REPORT_SCHEDULES.ID.eq(schedule.getId()))
        .execute();
    assertThat(
            dsl.fetchCount(
                SHARED_REPORT_NOTIFICATIONS,
                SHARED_REPORT_NOTIFICATIONS.SCHEDULE_ID.eq(schedule.getId())))
        .isEqualTo(1);
  }

  @Test
  void theHostDeletesAUserTheReportTablesNameAndTheyLetGo() {
    SharedReportSchedulesRecord schedule = rows.schedule();
    UUID creator = schedule.getCreatedBy();
    UUID recipient = rows.recipient(schedule, r -> r.setUserId(creator)).getUserId();
    SharedReportRunsRecord run = rows.run(schedule);
    rows.notification(run, n -> {});

    dsl().deleteFrom(USERS).where(USERS.ID.eq(recipient)).execute();

    assertThat(
            dsl()
                .fetchCount(
                    SHARED_REPORT_SCHEDULE_RECIPIENTS,
                    SHARED_REPORT_SCHEDULE_RECIPIENTS.SCHEDULE_ID.eq(schedule.getId())))
        .isZero();
    assertThat(
            dsl()
                .fetchSingle(
                    SHARED_REPORT_SCHEDULES, SHARED_REPORT_SCHEDULES.ID.eq(schedule.getId()))
                .getCreatedBy())
        .isNull();
    var delivery =
        dsl()
            .fetchSingle(
                SHARED_REPORT_NOTIFICATIONS, SHARED_REPORT_NOTIFICATIONS.RUN_ID.eq(run.getId()));
    assertThat(delivery.getRecipientUserId()).isNull();
    assertThat(delivery.getRecipientKey()).isEqualTo("user:" + creator);
  }

  @Test
  void theHostDeletesASharedLinkAndItsSchedulesLoseItButKeepTheirHistory() {
    SharedReportSchedulesRecord schedule = rows.schedule();
    rows.notification(rows.run(schedule), n -> {});

    dsl().deleteFrom(SHARED_LINKS).where(SHARED_LINKS.ID.eq(schedule.getSharedLinkId())).execute();

    assertThat(
            dsl()
                .fetchSingle(
                    SHARED_REPORT_SCHEDULES, SHARED_REPORT_SCHEDULES.ID.eq(schedule.getId()))
                .getSharedLinkId())
        .isNull();
    assertThat(
            dsl()
                .fetchCount(
                    SHARED_REPORT_NOTIFICATIONS,
                    SHARED_REPORT_NOTIFICATIONS.SCHEDULE_ID.eq(schedule.getId())))
        .isEqualTo(1);
  }

  @Test
  void manualRunsOfTheSameInstantAreTwoRunsButAScheduledInstantIsOne() {
    SharedReportSchedulesRecord schedule = rows.schedule();
    OffsetDateTime at = OffsetDateTime.of(2027, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    for (int i = 0; i < 2; i++) {
      String key = UUID.randomUUID().toString();
      assertThatCode(
              () ->
                  rows.run(
                      schedule, r -> r.setScheduledFor(at).setKind("manual").setManualKey(key)))
          .doesNotThrowAnyException();
    }
    rows.run(schedule, r -> r.setScheduledFor(at));
    rejects(
        Violation.UNIQUE,
        () -> rows.run(schedule, r -> r.setScheduledFor(at)),
        "shared_report_runs_schedule_instant_uq");
  }

  @Test
  void aScheduleWithRunsButNoDeliveriesCannotBeHardDeletedEither() {
    SharedReportSchedulesRecord schedule = rows.schedule();
    rows.run(schedule);
    rejects(
        Violation.STILL_REFERENCED,
        () ->
            dsl()
                .deleteFrom(SHARED_REPORT_SCHEDULES)
                .where(SHARED_REPORT_SCHEDULES.ID.eq(schedule.getId()))
                .execute(),
        "shared_report_runs_schedule_id_fkey");
  }

  @Test
  void aScheduleWithoutHistoryIsDeletedWithItsRecipients() {
    SharedReportSchedulesRecord schedule = rows.schedule();
    rows.recipient(schedule, r -> {});
    dsl()
        .deleteFrom(SHARED_REPORT_SCHEDULES)
        .where(SHARED_REPORT_SCHEDULES.ID.eq(schedule.getId()))
        .execute();
    assertThat(
            dsl()
                .fetchCount(
                    SHARED_REPORT_SCHEDULE_RECIPIENTS,
                    SHARED_REPORT_SCHEDULE_RECIPIENTS.SCHEDULE_ID.eq(schedule.getId())))
        .isZero();
  }

  @Test
  void statisticsBelongToAnExistingVideoAndGoWithIt() {
    DSLContext dsl = dsl();
    VideosRecord video = rows.video(rows.organization());
    dsl.newRecord(VIDEO_STATISTICS).setVideoId(video.getId()).setViews(5L).insert();
    rejects(
        Violation.MISSING_PARENT,
        () -> dsl.newRecord(VIDEO_STATISTICS).setVideoId(UUID.randomUUID()).insert(),
        "video_statistics_video_id_fkey");
    dsl.deleteFrom(VIDEOS).where(VIDEOS.ID.eq(video.getId())).execute();
    assertThat(dsl.fetchCount(VIDEO_STATISTICS, VIDEO_STATISTICS.VIDEO_ID.eq(video.getId())))
        .isZero();
  }

  @Test
  void organizationWideRecipientsAreListedOnce() {
    DSLContext dsl = dsl();
    OrganizationsRecord organization = rows.organization();
    UsersRecord user = rows.user(organization);
    ThrowingCallable email =
        () ->
            dsl.newRecord(ORGANIZATION_NOTIFICATION_EMAIL_RECIPIENTS)
                .setId(UUID.randomUUID())
                .setOrganizationId(organization.getId())
                .setUserId(user.getId())
                .insert();
    ThrowingCallable telegram =
        () ->
            dsl.newRecord(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS)
                .setId(UUID.randomUUID())
                .setOrganizationId(organization.getId())
                .setTelegramChatId(-42L)
                .insert();
    assertThatCode(email).doesNotThrowAnyException();
    assertThatCode(telegram).doesNotThrowAnyException();
    rejects(
        Violation.UNIQUE,
        email,
        // PostgreSQL's own name, cut to 63 characters
        "organization_notification_email_rec_organization_id_user_id_key");
    rejects(
        Violation.UNIQUE,
        telegram,
        "organization_notification_tel_organization_id_telegram_chat_key");
  }

  @Test
  void aUserBelongsToAnExistingOrganization() {
    rejects(
        Violation.MISSING_PARENT,
        () ->
            dsl()
                .newRecord(USERS)
                .setId(UUID.randomUUID())
                .setOrganizationId(UUID.randomUUID())
                .setEmail("x@example.com")
                .insert(),
        "users_organization_id_fkey");
  }
}
