package dev.reports.service.schema;

import static dev.reports.jooq.Tables.ORGANIZATIONS;
import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS;
import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULE_RECIPIENTS;
import static dev.reports.jooq.Tables.USERS;
import static dev.reports.jooq.Tables.VIDEOS;

import dev.reports.jooq.tables.records.OrganizationsRecord;
import dev.reports.jooq.tables.records.SharedLinksRecord;
import dev.reports.jooq.tables.records.SharedReportNotificationsRecord;
import dev.reports.jooq.tables.records.SharedReportRunsRecord;
import dev.reports.jooq.tables.records.SharedReportScheduleRecipientsRecord;
import dev.reports.jooq.tables.records.SharedReportSchedulesRecord;
import dev.reports.jooq.tables.records.UsersRecord;
import dev.reports.jooq.tables.records.VideosRecord;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.UpdatableRecord;

/**
 * Test-data builder: each method inserts one valid row, after {@code change} has had its way with
 * it, so a test states only what it breaks. Parents are created on demand.
 */
final class Rows {
  private static final AtomicLong sequence = new AtomicLong();
  private final DSLContext dsl;

  Rows(DSLContext dsl) {
    this.dsl = dsl;
  }

  OrganizationsRecord organization() {
    return insert(dsl.newRecord(ORGANIZATIONS).setId(UUID.randomUUID()).setName("Org"), r -> {});
  }

  UsersRecord user(OrganizationsRecord organization) {
    return insert(
        dsl.newRecord(USERS)
            .setId(UUID.randomUUID())
            .setOrganizationId(organization.getId())
            .setEmail("user" + sequence.incrementAndGet() + "@example.com"),
        r -> {});
  }

  SharedLinksRecord sharedLink(OrganizationsRecord organization) {
    return insert(
        dsl.newRecord(SHARED_LINKS)
            .setId(UUID.randomUUID())
            .setOrganizationId(organization.getId())
            .setSlug("link-" + sequence.incrementAndGet())
            .setName("Link"),
        r -> {});
  }

  VideosRecord video(OrganizationsRecord organization) {
    return insert(
        dsl.newRecord(VIDEOS)
            .setId(UUID.randomUUID())
            .setOrganizationId(organization.getId())
            .setTitle("A video")
            .setVideoUrl("https://example.com/v")
            .setPlatform("tiktok")
            .setStatus("active"),
        r -> {});
  }

  /** A daily 09:00 schedule in a new organization. */
  SharedReportSchedulesRecord schedule(Consumer<SharedReportSchedulesRecord> change) {
    OrganizationsRecord organization = organization();
    return insert(
        dsl.newRecord(SHARED_REPORT_SCHEDULES)
            .setId(UUID.randomUUID())
            .setOrganizationId(organization.getId())
            .setSharedLinkId(sharedLink(organization).getId())
            .setCreatedBy(user(organization).getId())
            .setCadence("daily")
            .setCronExpression("0 9 * * *")
            .setTimezone("Europe/Moscow")
            .setScheduledTime(LocalTime.of(9, 0))
            .setSendEmail(true),
        change);
  }

  SharedReportSchedulesRecord schedule() {
    return schedule(s -> {});
  }

  /** An email recipient: a new user of the schedule's organization. */
  SharedReportScheduleRecipientsRecord recipient(
      SharedReportSchedulesRecord schedule, Consumer<SharedReportScheduleRecipientsRecord> change) {
    UsersRecord user =
        user(dsl.fetchSingle(ORGANIZATIONS, ORGANIZATIONS.ID.eq(schedule.getOrganizationId())));
    return insert(
        dsl.newRecord(SHARED_REPORT_SCHEDULE_RECIPIENTS)
            .setId(UUID.randomUUID())
            .setScheduleId(schedule.getId())
            .setChannel("email")
            .setUserId(user.getId()),
        change);
  }

  /** A running scheduled run at a new instant. */
  SharedReportRunsRecord run(
      SharedReportSchedulesRecord schedule, Consumer<SharedReportRunsRecord> change) {
    return insert(
        dsl.newRecord(SHARED_REPORT_RUNS)
            .setId(UUID.randomUUID())
            .setScheduleId(schedule.getId())
            .setScheduledFor(
                OffsetDateTime.of(2026, 1, 1, 6, 0, 0, 0, ZoneOffset.UTC)
                    .plusHours(sequence.incrementAndGet()))
            .setKind("scheduled")
            .setStatus("running"),
        change);
  }

  SharedReportRunsRecord run(SharedReportSchedulesRecord schedule) {
    return run(schedule, r -> {});
  }

  /** A sent email delivery of {@code run} to its schedule's creator. */
  SharedReportNotificationsRecord notification(
      SharedReportRunsRecord run, Consumer<SharedReportNotificationsRecord> change) {
    SharedReportSchedulesRecord schedule =
        dsl.fetchSingle(
            SHARED_REPORT_SCHEDULES, SHARED_REPORT_SCHEDULES.ID.eq(run.getScheduleId()));
    return insert(
        dsl.newRecord(SHARED_REPORT_NOTIFICATIONS)
            .setId(UUID.randomUUID())
            .setScheduleId(schedule.getId())
            .setRunId(run.getId())
            .setOrganizationId(schedule.getOrganizationId())
            .setChannel("email")
            .setRecipientUserId(schedule.getCreatedBy())
            .setRecipientKey("user:" + schedule.getCreatedBy())
            .setStatus("sent"),
        change);
  }

  private static <R extends UpdatableRecord<R>> R insert(R record, Consumer<? super R> change) {
    change.accept(record);
    record.insert();
    return record;
  }
}
