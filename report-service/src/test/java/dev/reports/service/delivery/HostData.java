package dev.reports.service.delivery;

import static dev.reports.jooq.Tables.ORGANIZATIONS;
import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_EMAIL_RECIPIENTS;
import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULE_RECIPIENTS;
import static dev.reports.jooq.Tables.USERS;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.service.report.VideosReport;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/** Writes the host rows delivery tests need: organizations, users, schedules, runs, recipients. */
final class HostData {
  private final DSLContext db;

  HostData(DSLContext db) {
    this.db = db;
  }

  UUID organization() {
    UUID id = UUID.randomUUID();
    db.insertInto(ORGANIZATIONS)
        .set(ORGANIZATIONS.ID, id)
        .set(ORGANIZATIONS.NAME, "Org " + id)
        .execute();
    return id;
  }

  UUID user(UUID organization, String email) {
    UUID id = UUID.randomUUID();
    db.insertInto(USERS)
        .set(USERS.ID, id)
        .set(USERS.ORGANIZATION_ID, organization)
        .set(USERS.EMAIL, email)
        .set(USERS.NAME, email)
        .execute();
    return id;
  }

  UUID deactivatedUser(UUID organization, String email) {
    UUID id = user(organization, email);
    db.update(USERS)
        .set(USERS.DEACTIVATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
        .where(USERS.ID.eq(id))
        .execute();
    return id;
  }

  void changeEmail(UUID user, String email) {
    db.update(USERS).set(USERS.EMAIL, email).where(USERS.ID.eq(user)).execute();
  }

  /** A daily schedule of a new shared link, and its definition with these channels. */
  ReportDefinition schedule(UUID organization, Channel... channels) {
    UUID link = UUID.randomUUID();
    db.insertInto(SHARED_LINKS)
        .set(SHARED_LINKS.ID, link)
        .set(SHARED_LINKS.ORGANIZATION_ID, organization)
        .set(SHARED_LINKS.SLUG, "weekly-tiktok")
        .set(SHARED_LINKS.NAME, "Weekly TikTok")
        .execute();
    UUID schedule = UUID.randomUUID();
    Set<Channel> enabled = Set.of(channels);
    db.insertInto(SHARED_REPORT_SCHEDULES)
        .set(SHARED_REPORT_SCHEDULES.ID, schedule)
        .set(SHARED_REPORT_SCHEDULES.ORGANIZATION_ID, organization)
        .set(SHARED_REPORT_SCHEDULES.SHARED_LINK_ID, link)
        .set(SHARED_REPORT_SCHEDULES.CRON_EXPRESSION, "30 9 * * *")
        .set(SHARED_REPORT_SCHEDULES.TIMEZONE, "Europe/Moscow")
        .set(SHARED_REPORT_SCHEDULES.SEND_EMAIL, enabled.contains(Channel.EMAIL))
        .set(SHARED_REPORT_SCHEDULES.SEND_TELEGRAM, enabled.contains(Channel.TELEGRAM))
        .execute();
    return new ReportDefinition(
        schedule, organization, new VideosReport(db, link), ZoneId.of("Europe/Moscow"), enabled);
  }

  Run run(ReportDefinition definition) {
    UUID id = UUID.randomUUID();
    Instant at = Instant.parse("2026-03-08T06:30:00Z").plusSeconds(id.hashCode() & 0xffff);
    db.insertInto(SHARED_REPORT_RUNS)
        .set(SHARED_REPORT_RUNS.ID, id)
        .set(SHARED_REPORT_RUNS.SCHEDULE_ID, definition.scheduleId())
        .set(SHARED_REPORT_RUNS.SCHEDULED_FOR, at.atOffset(ZoneOffset.UTC))
        .set(SHARED_REPORT_RUNS.KIND, "scheduled")
        .set(SHARED_REPORT_RUNS.STATUS, "running")
        .set(SHARED_REPORT_RUNS.ATTEMPTS, 1)
        .execute();
    return new Run(id, definition.scheduleId(), at, RunKind.SCHEDULED, 1);
  }

  /** The next attempt of {@code run} takes it over in the ledger, as a recovering node's claim. */
  Run takeOver(Run run) {
    db.update(SHARED_REPORT_RUNS)
        .set(SHARED_REPORT_RUNS.ATTEMPTS, run.attempt() + 1)
        .where(SHARED_REPORT_RUNS.ID.eq(run.id()))
        .execute();
    return new Run(run.id(), run.scheduleId(), run.scheduledFor(), run.kind(), run.attempt() + 1);
  }

  void scheduleEmailRecipient(ReportDefinition definition, UUID user) {
    db.insertInto(SHARED_REPORT_SCHEDULE_RECIPIENTS)
        .set(SHARED_REPORT_SCHEDULE_RECIPIENTS.ID, UUID.randomUUID())
        .set(SHARED_REPORT_SCHEDULE_RECIPIENTS.SCHEDULE_ID, definition.scheduleId())
        .set(SHARED_REPORT_SCHEDULE_RECIPIENTS.CHANNEL, "email")
        .set(SHARED_REPORT_SCHEDULE_RECIPIENTS.USER_ID, user)
        .execute();
  }

  void scheduleTelegramRecipient(ReportDefinition definition, long chat) {
    db.insertInto(SHARED_REPORT_SCHEDULE_RECIPIENTS)
        .set(SHARED_REPORT_SCHEDULE_RECIPIENTS.ID, UUID.randomUUID())
        .set(SHARED_REPORT_SCHEDULE_RECIPIENTS.SCHEDULE_ID, definition.scheduleId())
        .set(SHARED_REPORT_SCHEDULE_RECIPIENTS.CHANNEL, "telegram")
        .set(SHARED_REPORT_SCHEDULE_RECIPIENTS.TELEGRAM_CHAT_ID, chat)
        .execute();
  }

  void orgEmailRecipient(UUID organization, UUID user) {
    db.insertInto(ORGANIZATION_NOTIFICATION_EMAIL_RECIPIENTS)
        .set(ORGANIZATION_NOTIFICATION_EMAIL_RECIPIENTS.ID, UUID.randomUUID())
        .set(ORGANIZATION_NOTIFICATION_EMAIL_RECIPIENTS.ORGANIZATION_ID, organization)
        .set(ORGANIZATION_NOTIFICATION_EMAIL_RECIPIENTS.USER_ID, user)
        .execute();
  }

  void orgTelegramRecipient(UUID organization, long chat) {
    db.insertInto(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS)
        .set(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.ID, UUID.randomUUID())
        .set(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.ORGANIZATION_ID, organization)
        .set(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.TELEGRAM_CHAT_ID, chat)
        .execute();
  }

  java.util.List<Long> scheduleChats(ReportDefinition definition) {
    return db.select(SHARED_REPORT_SCHEDULE_RECIPIENTS.TELEGRAM_CHAT_ID)
        .from(SHARED_REPORT_SCHEDULE_RECIPIENTS)
        .where(SHARED_REPORT_SCHEDULE_RECIPIENTS.SCHEDULE_ID.eq(definition.scheduleId()))
        .and(SHARED_REPORT_SCHEDULE_RECIPIENTS.CHANNEL.eq("telegram"))
        .orderBy(SHARED_REPORT_SCHEDULE_RECIPIENTS.TELEGRAM_CHAT_ID)
        .fetch(SHARED_REPORT_SCHEDULE_RECIPIENTS.TELEGRAM_CHAT_ID);
  }

  java.util.List<Long> orgChats(UUID organization) {
    return db.select(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.TELEGRAM_CHAT_ID)
        .from(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS)
        .where(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.ORGANIZATION_ID.eq(organization))
        .orderBy(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.TELEGRAM_CHAT_ID)
        .fetch(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.TELEGRAM_CHAT_ID);
  }
}
