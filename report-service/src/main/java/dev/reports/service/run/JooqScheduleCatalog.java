package dev.reports.service.run;

import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;

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
 * reconciler.
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
    List<Schedule> schedules = new ArrayList<>();
    for (SharedReportSchedulesRecord row : dsl.selectFrom(s).where(s.DELETED_AT.isNull()).fetch()) {
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
