package dev.reports.service.run;

import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static org.jooq.impl.DSL.currentOffsetDateTime;

import dev.reports.engine.schedule.Cadence;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleCatalog;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.jooq.tables.records.SharedReportSchedulesRecord;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedules of {@code shared_report_schedules} that are not deleted, for the engine's
 * reconciler; marks deleted, first, the schedules whose shared link the host deleted.
 */
public final class JooqScheduleCatalog implements ScheduleCatalog {
  private static final Logger log = LoggerFactory.getLogger(JooqScheduleCatalog.class);

  private final DSLContext dsl;

  public JooqScheduleCatalog(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public List<Schedule> all() {
    var s = SHARED_REPORT_SCHEDULES;
    // A shared link the host deleted took its schedules with it (its foreign key set their link to
    // null): mark them deleted like an API delete, so every reader sees them gone; the reconciler
    // then removes their triggers, as they are not listed here.
    int orphaned =
        dsl.update(s)
            .set(s.DELETED_AT, currentOffsetDateTime())
            .set(s.UPDATED_AT, currentOffsetDateTime())
            .setNull(s.NEXT_RUN_AT)
            .where(s.SHARED_LINK_ID.isNull(), s.DELETED_AT.isNull())
            .execute();
    if (orphaned > 0) {
      log.info(
          "{} schedules lost their shared link (deleted by the host); marked deleted", orphaned);
    }
    List<Schedule> schedules = new ArrayList<>();
    for (SharedReportSchedulesRecord row :
        dsl.selectFrom(s).where(s.DELETED_AT.isNull(), s.SHARED_LINK_ID.isNotNull()).fetch()) {
      toSchedule(row).ifPresent(schedules::add);
    }
    return schedules;
  }

  /** The engine's view of a schedule row; empty (and logged) when the row cannot be read. */
  public static Optional<Schedule> toSchedule(SharedReportSchedulesRecord row) {
    ZoneId zone;
    try {
      zone = ZoneId.of(row.getTimezone());
    } catch (DateTimeException e) {
      log.warn("schedule {} has an unknown time zone {}; skipped", row.getId(), row.getTimezone());
      return Optional.empty();
    }
    ScheduleSpec spec;
    if (row.getCadence() == null) {
      spec = ScheduleSpec.cron(row.getCronExpression(), zone);
    } else {
      Cadence cadence = Cadence.valueOf(row.getCadence().toUpperCase(Locale.ROOT));
      spec =
          new ScheduleSpec(
              cadence,
              row.getScheduledTime(),
              row.getDayOfWeek() == null ? null : DayOfWeek.of(row.getDayOfWeek()),
              row.getDayOfMonth() == null ? null : row.getDayOfMonth().intValue(),
              null,
              zone);
    }
    return Optional.of(new Schedule(row.getId(), spec, Boolean.TRUE.equals(row.getEnabled())));
  }
}
