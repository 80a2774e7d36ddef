package dev.reports.service.testing;

import static dev.reports.jooq.Tables.ORGANIZATIONS;
import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS;
import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static dev.reports.jooq.Tables.USERS;
import static dev.reports.jooq.Tables.VIDEOS;
import static dev.reports.jooq.Tables.VIDEO_STATISTICS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * Test-data builders for the host tables (organizations, users, shared links, videos) and the
 * report ledger, on any database the service runs on.
 */
public final class TestData {
  private final DSLContext dsl;

  public TestData(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** An organization with one active user and one shared link. */
  public Org org(String name) {
    UUID id = UUID.randomUUID();
    dsl.insertInto(ORGANIZATIONS).set(ORGANIZATIONS.ID, id).set(ORGANIZATIONS.NAME, name).execute();
    Org org = new Org(id, name, null, null);
    return new Org(id, name, user(org, name + " admin"), link(org, name.toLowerCase() + "-videos"));
  }

  public UUID user(Org org, String name) {
    UUID id = UUID.randomUUID();
    dsl.insertInto(USERS)
        .set(USERS.ID, id)
        .set(USERS.ORGANIZATION_ID, org.id())
        .set(USERS.EMAIL, id + "@example.com")
        .set(USERS.NAME, name)
        .execute();
    return id;
  }

  /**
   * Connects Telegram chats to the organization ({@code
   * organization_notification_telegram_recipients}), as the host does when its bot joins them; a
   * schedule may name only these.
   */
  public void connectTelegramChats(Org org, long... chatIds) {
    for (long chat : chatIds) {
      dsl.insertInto(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS)
          .set(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.ID, UUID.randomUUID())
          .set(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.ORGANIZATION_ID, org.id())
          .set(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.TELEGRAM_CHAT_ID, chat)
          .onConflictDoNothing()
          .execute();
    }
  }

  /** Disconnects a Telegram chat from the organization, as the host does when the bot leaves. */
  public void disconnectTelegramChat(Org org, long chatId) {
    dsl.deleteFrom(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS)
        .where(
            ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.ORGANIZATION_ID.eq(org.id()),
            ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.TELEGRAM_CHAT_ID.eq(chatId))
        .execute();
  }

  public UUID deactivatedUser(Org org) {
    UUID id = user(org, "gone");
    dsl.update(USERS)
        .set(USERS.DEACTIVATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
        .where(USERS.ID.eq(id))
        .execute();
    return id;
  }

  public UUID link(Org org, String slug) {
    UUID id = UUID.randomUUID();
    dsl.insertInto(SHARED_LINKS)
        .set(SHARED_LINKS.ID, id)
        .set(SHARED_LINKS.ORGANIZATION_ID, org.id())
        .set(SHARED_LINKS.SLUG, slug)
        .set(SHARED_LINKS.NAME, slug)
        .execute();
    return id;
  }

  /** A Telegram chat the organization has connected (a schedule may send only to these). */
  public void telegramChat(Org org, long chatId) {
    dsl.insertInto(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS)
        .set(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.ID, UUID.randomUUID())
        .set(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.ORGANIZATION_ID, org.id())
        .set(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS.TELEGRAM_CHAT_ID, chatId)
        .execute();
  }

  /** A published video of the organization, with statistics. */
  public UUID video(Org org, String title, Instant publishedAt, long views) {
    UUID id = UUID.randomUUID();
    dsl.insertInto(VIDEOS)
        .set(VIDEOS.ID, id)
        .set(VIDEOS.ORGANIZATION_ID, org.id())
        .set(VIDEOS.TITLE, title)
        .set(VIDEOS.VIDEO_URL, "https://videos.example/" + id)
        .set(VIDEOS.PLATFORM, "tiktok")
        .set(VIDEOS.STATUS, "active")
        .set(VIDEOS.PUBLISHED_AT, publishedAt.atOffset(ZoneOffset.UTC))
        .execute();
    dsl.insertInto(VIDEO_STATISTICS)
        .set(VIDEO_STATISTICS.VIDEO_ID, id)
        .set(VIDEO_STATISTICS.VIEWS, views)
        .execute();
    return id;
  }

  public String email(UUID userId) {
    return dsl.select(USERS.EMAIL).from(USERS).where(USERS.ID.eq(userId)).fetchSingle().value1();
  }

  /** A finished run of the schedule, as the engine's run log records it. */
  public UUID run(UUID scheduleId, Instant scheduledFor) {
    UUID id = UUID.randomUUID();
    dsl.insertInto(SHARED_REPORT_RUNS)
        .set(SHARED_REPORT_RUNS.ID, id)
        .set(SHARED_REPORT_RUNS.SCHEDULE_ID, scheduleId)
        .set(SHARED_REPORT_RUNS.SCHEDULED_FOR, scheduledFor.atOffset(ZoneOffset.UTC))
        .set(SHARED_REPORT_RUNS.KIND, "scheduled")
        .set(SHARED_REPORT_RUNS.STATUS, "succeeded")
        .set(SHARED_REPORT_RUNS.ATTEMPTS, 1)
        .execute();
    return id;
  }

  /** A delivery-log row of a run, as the delivery log records it. */
  public UUID telegramDelivery(
      Org org, UUID scheduleId, UUID runId, long chatId, String status, Instant at) {
    UUID id = UUID.randomUUID();
    dsl.insertInto(SHARED_REPORT_NOTIFICATIONS)
        .set(SHARED_REPORT_NOTIFICATIONS.ID, id)
        .set(SHARED_REPORT_NOTIFICATIONS.SCHEDULE_ID, scheduleId)
        .set(SHARED_REPORT_NOTIFICATIONS.RUN_ID, runId)
        .set(SHARED_REPORT_NOTIFICATIONS.ORGANIZATION_ID, org.id())
        .set(SHARED_REPORT_NOTIFICATIONS.CHANNEL, "telegram")
        .set(SHARED_REPORT_NOTIFICATIONS.TELEGRAM_CHAT_ID, chatId)
        .set(SHARED_REPORT_NOTIFICATIONS.RECIPIENT_KEY, "chat:" + chatId)
        .set(SHARED_REPORT_NOTIFICATIONS.STATUS, status)
        .set(
            SHARED_REPORT_NOTIFICATIONS.PAYLOAD,
            JSONB.valueOf("{\"file_name\": \"videos-2026-03-08.csv\", \"rows\": 3}"))
        .set(SHARED_REPORT_NOTIFICATIONS.CREATED_AT, at.atOffset(ZoneOffset.UTC))
        .set(SHARED_REPORT_NOTIFICATIONS.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
        .execute();
    return id;
  }

  /** An organization, its first user (admin) and its first shared link. */
  public record Org(UUID id, String name, UUID admin, UUID link) {}
}
