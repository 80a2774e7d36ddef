package dev.reports.service.delivery;

import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_EMAIL_RECIPIENTS;
import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULE_RECIPIENTS;
import static dev.reports.jooq.Tables.USERS;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.RecipientResolver;
import dev.reports.engine.delivery.ResolvedRecipients;
import dev.reports.engine.delivery.SkippedRecipient;
import dev.reports.engine.delivery.TelegramChatMigrations;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.jooq.tables.records.UsersRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a schedule's recipients at run time: for each enabled channel, the schedule's own
 * recipients of that channel, or, when it lists none for that channel, the organization-wide ones.
 * Email goes to the user's current address; a deactivated user, a user of another organization and
 * a user without an address are returned as skipped, with the reason. A listed Telegram chat the
 * organization no longer has connected ({@code organization_notification_telegram_recipients}) is
 * skipped too: the bot is shared by every organization, so only a connected chat is the
 * organization's to send to.
 *
 * <p>Also told by the Telegram channel when a group became a supergroup, so the stored chat ids
 * follow it.
 */
public final class JooqRecipientResolver implements RecipientResolver, TelegramChatMigrations {
  private static final Logger LOG = LoggerFactory.getLogger(JooqRecipientResolver.class);

  private final DSLContext db;

  public JooqRecipientResolver(DSLContext db) {
    this.db = db;
  }

  @Override
  public ResolvedRecipients resolve(ReportDefinition definition) {
    List<Recipient> recipients = new ArrayList<>();
    List<SkippedRecipient> skipped = new ArrayList<>();
    if (definition.channels().contains(Channel.EMAIL)) {
      for (UsersRecord user : emailUsers(definition)) {
        Recipient recipient = Recipient.email(user.getId(), user.getEmail());
        String reason = unfit(user, definition.organizationId());
        if (reason == null) {
          recipients.add(recipient);
        } else {
          skipped.add(new SkippedRecipient(recipient, reason));
        }
      }
    }
    if (definition.channels().contains(Channel.TELEGRAM)) {
      telegramChats(definition, recipients, skipped);
    }
    return new ResolvedRecipients(recipients, skipped);
  }

  /**
   * The Telegram channel's news that a chat of this schedule's organization moved: the stored
   * recipients follow it ({@link #telegramChatMigrated}).
   */
  @Override
  public void migrated(UUID scheduleId, long fromChatId, long toChatId) {
    UUID organizationId =
        db.select(SHARED_REPORT_SCHEDULES.ORGANIZATION_ID)
            .from(SHARED_REPORT_SCHEDULES)
            .where(SHARED_REPORT_SCHEDULES.ID.eq(scheduleId))
            .fetchOne(SHARED_REPORT_SCHEDULES.ORGANIZATION_ID);
    if (organizationId == null) {
      LOG.info(
          "Telegram chat {} is now {}; its schedule {} is gone", fromChatId, toChatId, scheduleId);
      return;
    }
    telegramChatMigrated(organizationId, fromChatId, toChatId);
  }

  /**
   * Records that a Telegram group of the organization became a supergroup with a new chat id: in
   * the organization's schedule recipients and its organization-wide recipients.
   */
  public void telegramChatMigrated(UUID organizationId, long fromChatId, long toChatId) {
    db.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          var r = SHARED_REPORT_SCHEDULE_RECIPIENTS;
          var other = r.as("other");
          var schedulesOfOrg =
              DSL.select(SHARED_REPORT_SCHEDULES.ID)
                  .from(SHARED_REPORT_SCHEDULES)
                  .where(SHARED_REPORT_SCHEDULES.ORGANIZATION_ID.eq(organizationId));
          // a schedule that already lists the new chat keeps that row; the old one goes
          int merged =
              t.deleteFrom(r)
                  .where(r.TELEGRAM_CHAT_ID.eq(fromChatId), r.SCHEDULE_ID.in(schedulesOfOrg))
                  .andExists(
                      DSL.selectOne()
                          .from(other)
                          .where(
                              other.SCHEDULE_ID.eq(r.SCHEDULE_ID),
                              other.TELEGRAM_CHAT_ID.eq(toChatId)))
                  .execute();
          int moved =
              t.update(r)
                  .set(r.TELEGRAM_CHAT_ID, toChatId)
                  .where(r.TELEGRAM_CHAT_ID.eq(fromChatId), r.SCHEDULE_ID.in(schedulesOfOrg))
                  .execute();
          var o = ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
          boolean orgHasNew =
              t.fetchExists(
                  o, o.ORGANIZATION_ID.eq(organizationId), o.TELEGRAM_CHAT_ID.eq(toChatId));
          int orgWide =
              orgHasNew
                  ? t.deleteFrom(o)
                      .where(
                          o.ORGANIZATION_ID.eq(organizationId), o.TELEGRAM_CHAT_ID.eq(fromChatId))
                      .execute()
                  : t.update(o)
                      .set(o.TELEGRAM_CHAT_ID, toChatId)
                      .where(
                          o.ORGANIZATION_ID.eq(organizationId), o.TELEGRAM_CHAT_ID.eq(fromChatId))
                      .execute();
          LOG.info(
              "Telegram chat {} of organization {} is now {}: {} schedule recipients updated,"
                  + " {} merged, {} organization-wide",
              fromChatId,
              organizationId,
              toChatId,
              moved,
              merged,
              orgWide);
        });
  }

  private List<UsersRecord> emailUsers(ReportDefinition definition) {
    var r = SHARED_REPORT_SCHEDULE_RECIPIENTS;
    List<UsersRecord> own =
        db.select(USERS.fields())
            .from(r)
            .join(USERS)
            .on(USERS.ID.eq(r.USER_ID))
            .where(r.SCHEDULE_ID.eq(definition.scheduleId()), r.CHANNEL.eq(Channel.EMAIL.code()))
            .orderBy(USERS.EMAIL, USERS.ID)
            .fetchInto(USERS);
    if (!own.isEmpty()) {
      return own;
    }
    var o = ORGANIZATION_NOTIFICATION_EMAIL_RECIPIENTS;
    return db.select(USERS.fields())
        .from(o)
        .join(USERS)
        .on(USERS.ID.eq(o.USER_ID))
        .where(o.ORGANIZATION_ID.eq(definition.organizationId()))
        .orderBy(USERS.EMAIL, USERS.ID)
        .fetchInto(USERS);
  }

  private void telegramChats(
      ReportDefinition definition, List<Recipient> recipients, List<SkippedRecipient> skipped) {
    var r = SHARED_REPORT_SCHEDULE_RECIPIENTS;
    List<Long> own =
        db.selectDistinct(r.TELEGRAM_CHAT_ID)
            .from(r)
            .where(
                r.SCHEDULE_ID.eq(definition.scheduleId()),
                r.CHANNEL.eq(Channel.TELEGRAM.code()),
                r.TELEGRAM_CHAT_ID.isNotNull())
            .orderBy(r.TELEGRAM_CHAT_ID)
            .fetch(r.TELEGRAM_CHAT_ID);
    var o = ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
    if (own.isEmpty()) {
      db.selectDistinct(o.TELEGRAM_CHAT_ID)
          .from(o)
          .where(o.ORGANIZATION_ID.eq(definition.organizationId()))
          .orderBy(o.TELEGRAM_CHAT_ID)
          .fetch(o.TELEGRAM_CHAT_ID)
          .forEach(chat -> recipients.add(Recipient.telegram(chat)));
      return;
    }
    Set<Long> connected =
        new HashSet<>(
            db.select(o.TELEGRAM_CHAT_ID)
                .from(o)
                .where(
                    o.ORGANIZATION_ID.eq(definition.organizationId()), o.TELEGRAM_CHAT_ID.in(own))
                .fetch(o.TELEGRAM_CHAT_ID));
    for (Long chat : own) {
      if (connected.contains(chat)) {
        recipients.add(Recipient.telegram(chat));
      } else {
        skipped.add(
            new SkippedRecipient(
                Recipient.telegram(chat),
                "Telegram chat "
                    + chat
                    + " is no longer connected to the organization"
                    + " (organization_notification_telegram_recipients)"));
      }
    }
  }

  /** Why this user cannot receive the organization's reports, or null when they can. */
  private static String unfit(UsersRecord user, UUID organizationId) {
    if (user.getDeactivatedAt() != null) {
      return "user " + user.getId() + " is deactivated";
    }
    if (!organizationId.equals(user.getOrganizationId())) {
      return "user " + user.getId() + " belongs to another organization";
    }
    if (user.getEmail() == null || user.getEmail().isBlank()) {
      return "user " + user.getId() + " has no email address";
    }
    return null;
  }
}
