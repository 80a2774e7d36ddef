package dev.reports.service.delivery;

import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static dev.reports.jooq.Tables.USERS;

import dev.reports.engine.alert.AlertAudience;
import dev.reports.engine.alert.AlertTargets;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.report.ReportDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Who hears of a schedule's failed runs: its creator by email while still an active user of the
 * organization (whatever the schedule's own channels), and, when the schedule sends to Telegram,
 * every Telegram chat the organization has connected. Alerts link to the run's API path.
 */
public final class JooqAlertTargets implements AlertTargets {
  /** The API path of one run; the alert's link. */
  public static final String RUN_PATH = "/v1/report-runs/";

  private final DSLContext db;

  public JooqAlertTargets(DSLContext db) {
    this.db = db;
  }

  @Override
  public AlertAudience audience(ReportDefinition definition) {
    var s = SHARED_REPORT_SCHEDULES;
    var row =
        db.select(s.CREATED_BY, SHARED_LINKS.NAME, SHARED_LINKS.SLUG, s.NAME)
            .from(s)
            .leftJoin(SHARED_LINKS)
            .on(SHARED_LINKS.ID.eq(s.SHARED_LINK_ID))
            .where(s.ID.eq(definition.scheduleId()))
            .fetchOne();
    if (row == null) {
      return new AlertAudience("", List.of());
    }
    // the schedule's own name, else the shared link's, else its slug (as reports are titled)
    String name =
        row.value4() != null && !row.value4().isBlank()
            ? row.value4()
            : row.value2() != null && !row.value2().isBlank() ? row.value2() : row.value3();
    List<Recipient> recipients = new ArrayList<>();
    if (row.value1() != null) {
      db.selectFrom(USERS)
          .where(
              USERS.ID.eq(row.value1()),
              USERS.ORGANIZATION_ID.eq(definition.organizationId()),
              USERS.DEACTIVATED_AT.isNull(),
              USERS.EMAIL.isNotNull(),
              USERS.EMAIL.ne(""))
          .fetchOptional()
          .ifPresent(user -> recipients.add(Recipient.email(user.getId(), user.getEmail())));
    }
    if (definition.channels().contains(Channel.TELEGRAM)) {
      var o = ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
      db.selectDistinct(o.TELEGRAM_CHAT_ID)
          .from(o)
          .where(o.ORGANIZATION_ID.eq(definition.organizationId()))
          .orderBy(o.TELEGRAM_CHAT_ID)
          .fetch(o.TELEGRAM_CHAT_ID)
          .forEach(chat -> recipients.add(Recipient.telegram(chat)));
    }
    return new AlertAudience(name == null ? "" : name, recipients);
  }

  @Override
  public String runLink(UUID runId) {
    return RUN_PATH + runId;
  }
}
