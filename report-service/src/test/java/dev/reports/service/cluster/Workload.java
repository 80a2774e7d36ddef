package dev.reports.service.cluster;

import static dev.reports.jooq.Tables.ORGANIZATIONS;
import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULE_RECIPIENTS;
import static dev.reports.jooq.Tables.USERS;
import static dev.reports.jooq.Tables.VIDEOS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Test-data builder for a scenario: one organization and shared link with a few videos (small
 * reports), and schedules whose 5-field cron fires once, at {@code due}, each with its own
 * recipients so that every delivery can be traced to exactly one recipient.
 */
final class Workload {
  /** Telegram chat ids of the recipients start here; private chats (positive ids). */
  static final long FIRST_CHAT = 700_000_000L;

  final UUID organizationId = UUID.randomUUID();
  final UUID sharedLinkId = UUID.randomUUID();
  final List<UUID> schedules = new ArrayList<>();
  final List<String> chats = new ArrayList<>();
  final List<String> emails = new ArrayList<>();

  private final DSLContext dsl;
  private final int firstRecipient;

  Workload(DSLContext dsl) {
    this(dsl, 0);
  }

  /**
   * A second workload in one scenario numbers its recipients from {@code firstRecipient}, so that
   * no chat or address is shared with the first.
   */
  Workload(DSLContext dsl, int firstRecipient) {
    this.dsl = dsl;
    this.firstRecipient = firstRecipient;
    dsl.insertInto(ORGANIZATIONS)
        .set(ORGANIZATIONS.ID, organizationId)
        .set(ORGANIZATIONS.NAME, "Cluster scenario")
        .execute();
    dsl.insertInto(SHARED_LINKS)
        .set(SHARED_LINKS.ID, sharedLinkId)
        .set(SHARED_LINKS.ORGANIZATION_ID, organizationId)
        .set(SHARED_LINKS.SLUG, "burst")
        .set(SHARED_LINKS.NAME, "Burst")
        .execute();
    for (int i = 0; i < 3; i++) {
      dsl.insertInto(VIDEOS)
          .set(VIDEOS.ID, UUID.randomUUID())
          .set(VIDEOS.ORGANIZATION_ID, organizationId)
          .set(VIDEOS.TITLE, "Video " + i)
          .set(VIDEOS.VIDEO_URL, "https://example.com/v/" + i)
          .set(VIDEOS.PLATFORM, "tiktok")
          .set(VIDEOS.STATUS, "active")
          .set(VIDEOS.PUBLISHED_AT, OffsetDateTime.now(ZoneOffset.UTC).minusDays(i))
          .execute();
    }
  }

  /** The cron of a schedule that fires once a year, at {@code due} (a whole minute, UTC). */
  static String cronAt(Instant due) {
    ZonedDateTime t = due.atZone(ZoneOffset.UTC);
    return t.getMinute()
        + " "
        + t.getHour()
        + " "
        + t.getDayOfMonth()
        + " "
        + t.getMonthValue()
        + " *";
  }

  /**
   * Adds {@code count} schedules due at {@code due}, each to one Telegram chat of its own and, if
   * {@code email}, to one user of its own.
   */
  Workload schedules(int count, Instant due, boolean telegram, boolean email) {
    return schedules(count, cronAt(due), telegram, email);
  }

  /** The cron of a schedule that fires every day at {@code due}'s time of day (UTC). */
  static String dailyAt(Instant due) {
    ZonedDateTime t = due.atZone(ZoneOffset.UTC);
    return t.getMinute() + " " + t.getHour() + " * * *";
  }

  /** Adds {@code count} schedules of {@code cron} (UTC), with recipients as above. */
  Workload schedules(int count, String cron, boolean telegram, boolean email) {
    var s = SHARED_REPORT_SCHEDULES;
    var r = SHARED_REPORT_SCHEDULE_RECIPIENTS;
    var u = USERS;
    for (int from = 0; from < count; from += 1000) {
      var scheduleBatch =
          dsl.batch(
              dsl.insertInto(
                      s,
                      s.ID,
                      s.ORGANIZATION_ID,
                      s.SHARED_LINK_ID,
                      s.CRON_EXPRESSION,
                      s.TIMEZONE,
                      s.SEND_TELEGRAM,
                      s.SEND_EMAIL)
                  .values((UUID) null, null, null, null, null, null, null));
      var userBatch =
          dsl.batch(
              dsl.insertInto(u, u.ID, u.ORGANIZATION_ID, u.EMAIL, u.NAME)
                  .values((UUID) null, null, null, null));
      var recipientBatch =
          dsl.batch(
              dsl.insertInto(r, r.ID, r.SCHEDULE_ID, r.CHANNEL, r.USER_ID, r.TELEGRAM_CHAT_ID)
                  .values((UUID) null, null, null, null, null));
      // a schedule names only chats its organization connected (else the run skips them)
      var o = ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
      var chatBatch =
          dsl.batch(
              dsl.insertInto(o, o.ID, o.ORGANIZATION_ID, o.TELEGRAM_CHAT_ID)
                  .values((UUID) null, null, null));
      for (int i = from; i < Math.min(count, from + 1000); i++) {
        int n = firstRecipient + schedules.size();
        UUID id = UUID.randomUUID();
        schedules.add(id);
        scheduleBatch.bind(id, organizationId, sharedLinkId, cron, "UTC", telegram, email);
        if (telegram) {
          long chat = FIRST_CHAT + n;
          chats.add(Long.toString(chat));
          recipientBatch.bind(UUID.randomUUID(), id, "telegram", null, chat);
          chatBatch.bind(UUID.randomUUID(), organizationId, chat);
        }
        if (email) {
          UUID user = UUID.randomUUID();
          String address = "reader-" + n + "@example.com";
          emails.add(address);
          userBatch.bind(user, organizationId, address, "Reader " + n);
          recipientBatch.bind(UUID.randomUUID(), id, "email", user, null);
        }
      }
      scheduleBatch.execute();
      if (email) {
        userBatch.execute();
      }
      recipientBatch.execute();
      if (telegram) {
        chatBatch.execute();
      }
    }
    return this;
  }

  /**
   * Adds one schedule due at {@code due} to {@code count} Telegram chats, each connected to the
   * organization.
   */
  Workload scheduleToChats(int count, Instant due) {
    var s = SHARED_REPORT_SCHEDULES;
    var r = SHARED_REPORT_SCHEDULE_RECIPIENTS;
    var o = ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
    UUID id = UUID.randomUUID();
    schedules.add(id);
    dsl.insertInto(s)
        .set(s.ID, id)
        .set(s.ORGANIZATION_ID, organizationId)
        .set(s.SHARED_LINK_ID, sharedLinkId)
        .set(s.CRON_EXPRESSION, cronAt(due))
        .set(s.TIMEZONE, "UTC")
        .set(s.SEND_TELEGRAM, true)
        .set(s.SEND_EMAIL, false)
        .execute();
    for (int i = 0; i < count; i++) {
      long chat = FIRST_CHAT + firstRecipient + i;
      chats.add(Long.toString(chat));
      dsl.insertInto(r, r.ID, r.SCHEDULE_ID, r.CHANNEL, r.TELEGRAM_CHAT_ID)
          .values(UUID.randomUUID(), id, "telegram", chat)
          .execute();
      dsl.insertInto(o, o.ID, o.ORGANIZATION_ID, o.TELEGRAM_CHAT_ID)
          .values(UUID.randomUUID(), organizationId, chat)
          .execute();
    }
    return this;
  }

  int recipients() {
    return chats.size() + emails.size();
  }
}
