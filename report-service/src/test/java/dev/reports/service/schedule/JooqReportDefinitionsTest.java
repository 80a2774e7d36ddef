package dev.reports.service.schedule;

import static dev.reports.jooq.Tables.ORGANIZATIONS;
import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.report.ReportDefinition;
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
  static UUID org = UUID.randomUUID();
  static UUID link = UUID.randomUUID();

  @BeforeAll
  static void seed() {
    dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    dsl.insertInto(ORGANIZATIONS)
        .set(ORGANIZATIONS.ID, org)
        .set(ORGANIZATIONS.NAME, "Org")
        .execute();
    dsl.insertInto(SHARED_LINKS)
        .set(SHARED_LINKS.ID, link)
        .set(SHARED_LINKS.ORGANIZATION_ID, org)
        .set(SHARED_LINKS.SLUG, "videos")
        .set(SHARED_LINKS.NAME, "Videos")
        .execute();
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
                id, org, link, ZoneId.of("Asia/Kathmandu"), Set.of(Channel.EMAIL)));
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
