package dev.reports.service.schedule;

import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.report.Report;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDefinitions;
import dev.reports.service.report.VideosReport;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Reads report definitions from {@code shared_report_schedules}; deleted schedules have none, nor
 * have those whose shared link the host deleted (the engine then removes their triggers). Each
 * schedule runs the report of its shared link, as {@code reportOfSharedLink} makes it (the service:
 * a {@link VideosReport}).
 */
public final class JooqReportDefinitions implements ReportDefinitions {
  private final DSLContext dsl;
  private final Function<UUID, Report> reportOfSharedLink;

  /**
   * Definitions whose reports are {@link VideosReport}s with the default fetch size and no link.
   */
  public JooqReportDefinitions(DSLContext dsl) {
    this(dsl, sharedLink -> new VideosReport(dsl, sharedLink));
  }

  public JooqReportDefinitions(DSLContext dsl, Function<UUID, Report> reportOfSharedLink) {
    this.dsl = dsl;
    this.reportOfSharedLink = reportOfSharedLink;
  }

  @Override
  public Optional<ReportDefinition> find(UUID scheduleId) {
    var s = SHARED_REPORT_SCHEDULES;
    return dsl.select(
            s.ID,
            s.ORGANIZATION_ID,
            s.SHARED_LINK_ID,
            s.TIMEZONE,
            s.SEND_EMAIL,
            s.SEND_TELEGRAM,
            s.NAME,
            s.SKIP_IF_EMPTY,
            s.CSV_DELIMITER,
            s.CSV_BOM)
        .from(s)
        .where(s.ID.eq(scheduleId).and(ScheduleRepository.notDeleted()))
        .fetchOptional(
            r -> {
              Set<Channel> channels = new LinkedHashSet<>();
              if (r.value5()) {
                channels.add(Channel.EMAIL);
              }
              if (r.value6()) {
                channels.add(Channel.TELEGRAM);
              }
              return new ReportDefinition(
                  r.value1(),
                  r.value2(),
                  reportOfSharedLink.apply(r.value3()),
                  ZoneId.of(r.value4()),
                  channels,
                  r.value7(),
                  r.value8(),
                  ScheduleRepository.csv(r.value9(), r.value10()));
            });
  }
}
