package dev.reports.service.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.test.PostgresDatabase;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqScheduleCatalogTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @Test
  void listsEveryScheduleThatIsNotDeletedWithItsSpec() {
    RunTables tables = new RunTables(db.dataSource());
    ZoneId zone = ZoneId.of("America/Santiago");
    ScheduleSpec weekly = ScheduleSpec.weekly(DayOfWeek.SUNDAY, LocalTime.of(7, 15), zone);
    ScheduleSpec monthly = ScheduleSpec.monthly(28, LocalTime.of(23, 0), zone);
    ScheduleSpec cron = ScheduleSpec.cron("0 9 * * 1-5", zone);
    UUID a = tables.schedule(weekly, true);
    UUID b = tables.schedule(monthly, false);
    UUID c = tables.schedule(cron, true);
    UUID deleted = tables.schedule(ScheduleSpec.daily(LocalTime.NOON, zone), true);
    tables.delete(deleted);

    assertThat(new JooqScheduleCatalog(tables.dsl).all())
        .containsExactlyInAnyOrder(
            new Schedule(a, weekly, true),
            new Schedule(b, monthly, false),
            new Schedule(c, cron, true));
  }
}
