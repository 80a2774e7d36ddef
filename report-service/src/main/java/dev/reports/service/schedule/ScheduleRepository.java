package dev.reports.service.schedule;

import static dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULE_RECIPIENTS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.row;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.report.CsvOptions;
import dev.reports.engine.schedule.Cadence;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.jooq.tables.records.SharedReportNotificationsRecord;
import dev.reports.jooq.tables.records.SharedReportScheduleRecipientsRecord;
import dev.reports.jooq.tables.records.SharedReportSchedulesRecord;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;

/** The schedule tables through jOOQ; every method runs in the caller's transaction. */
final class ScheduleRepository {

  Optional<StoredSchedule> findActive(DSLContext dsl, UUID organizationId, UUID id, boolean lock) {
    var query =
        dsl.selectFrom(SHARED_REPORT_SCHEDULES)
            .where(active(organizationId).and(SHARED_REPORT_SCHEDULES.ID.eq(id)));
    SharedReportSchedulesRecord row = lock ? query.forUpdate().fetchOne() : query.fetchOne();
    return row == null ? Optional.empty() : Optional.of(withRecipients(dsl, List.of(row)).get(0));
  }

  /** Whether the schedule is the organization's; a deleted one counts when {@code orDeleted}. */
  boolean exists(DSLContext dsl, UUID organizationId, UUID id, boolean orDeleted) {
    Condition owned =
        SHARED_REPORT_SCHEDULES
            .ID
            .eq(id)
            .and(SHARED_REPORT_SCHEDULES.ORGANIZATION_ID.eq(organizationId));
    return dsl.fetchExists(SHARED_REPORT_SCHEDULES, orDeleted ? owned : owned.and(notDeleted()));
  }

  /**
   * The organization's schedules that count against its quota (not deleted), after locking the
   * organization so that concurrent creates count one after another.
   */
  int countActiveLocked(DSLContext dsl, UUID organizationId) {
    OrganizationLocks.lock(dsl, organizationId);
    return dsl.fetchCount(SHARED_REPORT_SCHEDULES, active(organizationId));
  }

  void insert(DSLContext dsl, UUID id, UUID organizationId, UUID createdBy, ScheduleDraft draft) {
    dsl.insertInto(SHARED_REPORT_SCHEDULES)
        .set(SHARED_REPORT_SCHEDULES.ID, id)
        .set(SHARED_REPORT_SCHEDULES.ORGANIZATION_ID, organizationId)
        .set(SHARED_REPORT_SCHEDULES.CREATED_BY, createdBy)
        .set(columns(draft))
        .execute();
    insertRecipients(dsl, id, draft.recipients());
  }

  void update(DSLContext dsl, UUID id, ScheduleDraft draft) {
    dsl.update(SHARED_REPORT_SCHEDULES)
        .set(columns(draft))
        .set(SHARED_REPORT_SCHEDULES.UPDATED_AT, currentOffsetDateTime())
        .where(SHARED_REPORT_SCHEDULES.ID.eq(id))
        .execute();
    dsl.deleteFrom(SHARED_REPORT_SCHEDULE_RECIPIENTS)
        .where(SHARED_REPORT_SCHEDULE_RECIPIENTS.SCHEDULE_ID.eq(id))
        .execute();
    insertRecipients(dsl, id, draft.recipients());
  }

  /**
   * The schedule is enabled again: its failed runs in a row start over, and the reason it was
   * disabled for failing goes.
   */
  void clearFailures(DSLContext dsl, UUID id) {
    dsl.update(SHARED_REPORT_SCHEDULES)
        .set(SHARED_REPORT_SCHEDULES.CONSECUTIVE_FAILURES, 0)
        .set(SHARED_REPORT_SCHEDULES.DISABLED_REASON, (String) null)
        .where(SHARED_REPORT_SCHEDULES.ID.eq(id))
        .execute();
  }

  /** Removes a schedule that never ran (its recipients go with it); for undoing a create. */
  void remove(DSLContext dsl, UUID id) {
    dsl.deleteFrom(SHARED_REPORT_SCHEDULES).where(SHARED_REPORT_SCHEDULES.ID.eq(id)).execute();
  }

  void setNextRunAt(DSLContext dsl, UUID id, Optional<Instant> nextRunAt) {
    dsl.update(SHARED_REPORT_SCHEDULES)
        .set(
            SHARED_REPORT_SCHEDULES.NEXT_RUN_AT,
            nextRunAt.map(ScheduleRepository::utc).orElse(null))
        .where(SHARED_REPORT_SCHEDULES.ID.eq(id))
        .execute();
  }

  /** Marks the schedule deleted; false when it is not the organization's or already deleted. */
  boolean softDelete(DSLContext dsl, UUID organizationId, UUID id) {
    return dsl.update(SHARED_REPORT_SCHEDULES)
            .set(SHARED_REPORT_SCHEDULES.DELETED_AT, currentOffsetDateTime())
            .set(SHARED_REPORT_SCHEDULES.UPDATED_AT, currentOffsetDateTime())
            .set(SHARED_REPORT_SCHEDULES.NEXT_RUN_AT, (OffsetDateTime) null)
            .where(active(organizationId).and(SHARED_REPORT_SCHEDULES.ID.eq(id)))
            .execute()
        == 1;
  }

  Page<StoredSchedule> list(
      DSLContext dsl, UUID organizationId, UUID sharedLinkId, Keyset after, int limit) {
    Condition where = active(organizationId);
    if (sharedLinkId != null) {
      where = where.and(SHARED_REPORT_SCHEDULES.SHARED_LINK_ID.eq(sharedLinkId));
    }
    if (after != null) {
      where =
          where.and(
              row(SHARED_REPORT_SCHEDULES.CREATED_AT, SHARED_REPORT_SCHEDULES.ID)
                  .lt(utc(after.createdAt()), after.id()));
    }
    List<SharedReportSchedulesRecord> rows =
        dsl.selectFrom(SHARED_REPORT_SCHEDULES)
            .where(where)
            .orderBy(SHARED_REPORT_SCHEDULES.CREATED_AT.desc(), SHARED_REPORT_SCHEDULES.ID.desc())
            .limit(limit + 1)
            .fetch();
    List<StoredSchedule> items = withRecipients(dsl, rows.subList(0, Math.min(limit, rows.size())));
    return new Page<>(
        items, next(rows.size() > limit, items, s -> new Keyset(s.createdAt(), s.id())));
  }

  Page<Notification> notifications(
      DSLContext dsl, UUID organizationId, UUID scheduleId, Keyset after, int limit) {
    var n = SHARED_REPORT_NOTIFICATIONS;
    Condition where = n.SCHEDULE_ID.eq(scheduleId).and(n.ORGANIZATION_ID.eq(organizationId));
    if (after != null) {
      where = where.and(row(n.CREATED_AT, n.ID).lt(utc(after.createdAt()), after.id()));
    }
    List<Notification> rows =
        dsl.selectFrom(n)
            .where(where)
            .orderBy(n.CREATED_AT.desc(), n.ID.desc())
            .limit(limit + 1)
            .fetch(ScheduleRepository::notification);
    List<Notification> items = rows.subList(0, Math.min(limit, rows.size()));
    return new Page<>(
        items, next(rows.size() > limit, items, x -> new Keyset(x.createdAt(), x.id())));
  }

  private static <T> Optional<Keyset> next(
      boolean more, List<T> items, java.util.function.Function<T, Keyset> key) {
    return more ? Optional.of(key.apply(items.get(items.size() - 1))) : Optional.empty();
  }

  private static Condition active(UUID organizationId) {
    return SHARED_REPORT_SCHEDULES.ORGANIZATION_ID.eq(organizationId).and(notDeleted());
  }

  /**
   * Not deleted: neither through the API ({@code deleted_at}) nor by the host deleting its shared
   * link (the link's foreign key sets {@code shared_link_id} to null; the engine's catalog later
   * marks such rows deleted too).
   */
  static Condition notDeleted() {
    return SHARED_REPORT_SCHEDULES
        .DELETED_AT
        .isNull()
        .and(SHARED_REPORT_SCHEDULES.SHARED_LINK_ID.isNotNull());
  }

  /** The columns a draft writes; every one, so that an update also clears what it no longer has. */
  private static Map<Field<?>, Object> columns(ScheduleDraft draft) {
    ScheduleSpec spec = draft.spec();
    Map<Field<?>, Object> columns = new LinkedHashMap<>();
    columns.put(SHARED_REPORT_SCHEDULES.SHARED_LINK_ID, draft.sharedLinkId());
    columns.put(
        SHARED_REPORT_SCHEDULES.CADENCE,
        spec.isCron() ? null : spec.cadence().name().toLowerCase(Locale.ROOT));
    columns.put(SHARED_REPORT_SCHEDULES.CRON_EXPRESSION, spec.unixCron());
    columns.put(SHARED_REPORT_SCHEDULES.TIMEZONE, spec.zone().getId());
    columns.put(SHARED_REPORT_SCHEDULES.SCHEDULED_TIME, spec.time());
    columns.put(
        SHARED_REPORT_SCHEDULES.DAY_OF_WEEK,
        spec.dayOfWeek() == null ? null : (short) spec.dayOfWeek().getValue());
    columns.put(
        SHARED_REPORT_SCHEDULES.DAY_OF_MONTH,
        spec.dayOfMonth() == null ? null : spec.dayOfMonth().shortValue());
    columns.put(SHARED_REPORT_SCHEDULES.SEND_EMAIL, draft.sendEmail());
    columns.put(SHARED_REPORT_SCHEDULES.SEND_TELEGRAM, draft.sendTelegram());
    columns.put(SHARED_REPORT_SCHEDULES.ENABLED, draft.enabled());
    columns.put(SHARED_REPORT_SCHEDULES.NAME, draft.name());
    columns.put(SHARED_REPORT_SCHEDULES.SKIP_IF_EMPTY, draft.skipIfEmpty());
    columns.put(SHARED_REPORT_SCHEDULES.CSV_DELIMITER, delimiterName(draft.csv().delimiter()));
    columns.put(SHARED_REPORT_SCHEDULES.CSV_BOM, draft.csv().byteOrderMark());
    return columns;
  }

  private static void insertRecipients(
      DSLContext dsl, UUID scheduleId, List<ScheduleRecipient> recipients) {
    if (recipients.isEmpty()) {
      return;
    }
    List<SharedReportScheduleRecipientsRecord> rows = new ArrayList<>();
    for (ScheduleRecipient r : recipients) {
      rows.add(
          dsl.newRecord(SHARED_REPORT_SCHEDULE_RECIPIENTS)
              .setId(UUID.randomUUID())
              .setScheduleId(scheduleId)
              .setChannel(r.channel().code())
              .setUserId(r.userId())
              .setTelegramChatId(r.telegramChatId()));
    }
    dsl.batchInsert(rows).execute();
  }

  private static List<StoredSchedule> withRecipients(
      DSLContext dsl, List<SharedReportSchedulesRecord> rows) {
    Collection<UUID> ids = rows.stream().map(SharedReportSchedulesRecord::getId).toList();
    Map<UUID, List<ScheduleRecipient>> recipients =
        ids.isEmpty()
            ? Map.of()
            : dsl
                .selectFrom(SHARED_REPORT_SCHEDULE_RECIPIENTS)
                .where(SHARED_REPORT_SCHEDULE_RECIPIENTS.SCHEDULE_ID.in(ids))
                .fetch()
                .stream()
                .collect(
                    Collectors.groupingBy(
                        SharedReportScheduleRecipientsRecord::getScheduleId,
                        Collectors.mapping(ScheduleRepository::recipient, Collectors.toList())));
    return rows.stream()
        .map(r -> schedule(r, recipients.getOrDefault(r.getId(), List.of())))
        .toList();
  }

  static ScheduleDraft draft(SharedReportSchedulesRecord r, List<ScheduleRecipient> recipients) {
    return new ScheduleDraft(
        r.getSharedLinkId(),
        spec(r),
        r.getSendEmail(),
        r.getSendTelegram(),
        r.getEnabled(),
        recipients,
        r.getName(),
        r.getSkipIfEmpty(),
        csv(r.getCsvDelimiter(), r.getCsvBom()));
  }

  /** The stored name of a CSV delimiter: {@code comma}, {@code semicolon} or {@code tab}. */
  static String delimiterName(char delimiter) {
    return switch (delimiter) {
      case ';' -> "semicolon";
      case '\t' -> "tab";
      default -> "comma";
    };
  }

  /** The CSV options of stored columns. */
  static CsvOptions csv(String delimiterName, boolean bom) {
    char delimiter =
        switch (delimiterName) {
          case "semicolon" -> ';';
          case "tab" -> '\t';
          default -> ',';
        };
    return new CsvOptions(delimiter, bom);
  }

  static ScheduleSpec spec(SharedReportSchedulesRecord r) {
    ZoneId zone = ZoneId.of(r.getTimezone());
    if (r.getCadence() == null) {
      return ScheduleSpec.cron(r.getCronExpression(), zone);
    }
    return new ScheduleSpec(
        Cadence.valueOf(r.getCadence().toUpperCase(Locale.ROOT)),
        r.getScheduledTime(),
        r.getDayOfWeek() == null ? null : DayOfWeek.of(r.getDayOfWeek()),
        r.getDayOfMonth() == null ? null : r.getDayOfMonth().intValue(),
        null,
        zone);
  }

  private static StoredSchedule schedule(
      SharedReportSchedulesRecord r, List<ScheduleRecipient> recipients) {
    return new StoredSchedule(
        r.getId(),
        r.getOrganizationId(),
        r.getCreatedBy(),
        draft(r, recipients),
        instant(r.getNextRunAt()),
        instant(r.getLastRunAt()),
        r.getLastRunStatus(),
        r.getDisabledReason(),
        instant(r.getCreatedAt()),
        instant(r.getUpdatedAt()));
  }

  private static ScheduleRecipient recipient(SharedReportScheduleRecipientsRecord r) {
    return new ScheduleRecipient(
        Channel.fromCode(r.getChannel()), r.getUserId(), r.getTelegramChatId());
  }

  static Notification notification(SharedReportNotificationsRecord r) {
    return new Notification(
        r.getId(),
        r.getRunId(),
        Channel.fromCode(r.getChannel()),
        r.getRecipientUserId(),
        r.getTelegramChatId(),
        r.getStatus(),
        r.getPayload() == null ? "{}" : r.getPayload().data(),
        instant(r.getCreatedAt()),
        instant(r.getUpdatedAt()));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
