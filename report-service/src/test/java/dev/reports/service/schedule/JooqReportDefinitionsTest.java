package dev.reports.service.schedule;

import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.service.report.VideosReport;
import dev.reports.service.testing.TestData;
import dev.reports.test.PostgresDatabase;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqReportDefinitionsTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static DSLContext dsl;
  static UUID org;
  static UUID link;

  @BeforeAll
  static void seed() {
    dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    TestData.Org seeded = new TestData(dsl).org("Org");
    org = seeded.id();
    link = seeded.link();
  }

  private static UUID schedule(boolean email, boolean telegram, boolean deleted) {
    UUID id = UUID.randomUUID();
    dsl.insertInto(SHARED_REPORT_SCHEDULES)
        .set(SHARED_REPORT_SCHEDULES.ID, id)
        .set(SHARED_REPORT_SCHEDULES.ORGANIZATION_ID, org)
        .set(SHARED_REPORT_SCHEDULES.SHARED_LINK_ID, link)
        .set(SHARED_REPORT_SCHEDULES.CRON_EXPRESSION, "0 8 * * *")
        .set(SHARED_REPORT_SCHEDULES.TIMEZONE, "Asia/Kathmandu")
        .set(SHARED_REPORT_SCHEDULES.SEND_EMAIL, email)
        .set(SHARED_REPORT_SCHEDULES.SEND_TELEGRAM, telegram)
        .set(SHARED_REPORT_SCHEDULES.DELETED_AT, deleted ? OffsetDateTime.now() : null)
        .execute();
    return id;
  }

  @Test
  void aLiveScheduleHasItsDefinition() {
    UUID id = schedule(true, false, false);

    assertThat(new JooqReportDefinitions(dsl).find(id))
        .contains(
            new ReportDefinition(
                id,
                org,
                new VideosReport(dsl, link),
                ZoneId.of("Asia/Kathmandu"),
                Set.of(Channel.EMAIL)));
  }

  @Test
  void theChannelsAreTheEnabledOnes() {
    assertThat(
            new JooqReportDefinitions(dsl)
                .find(schedule(true, true, false))
                .orElseThrow()
                .channels())
        .containsExactlyInAnyOrder(Channel.EMAIL, Channel.TELEGRAM);
    assertThat(
            new JooqReportDefinitions(dsl)
                .find(schedule(false, true, false))
                .orElseThrow()
                .channels())
        .containsExactly(Channel.TELEGRAM);
  }

  @Test
  void aDeletedOrMissingScheduleHasNone() {
    assertThat(new JooqReportDefinitions(dsl).find(schedule(true, true, true))).isEmpty();
    assertThat(new JooqReportDefinitions(dsl).find(UUID.randomUUID())).isEmpty();
  }
}
