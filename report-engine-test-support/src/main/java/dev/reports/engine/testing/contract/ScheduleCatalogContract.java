package dev.reports.engine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleCatalog;
import dev.reports.engine.schedule.ScheduleSpec;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link ScheduleCatalog} keeps, as tests: extend it, say how to make the catalog
 * under test and how the host stores and deletes a schedule, and every test must pass. The engine's
 * reconciler compares what the catalog lists with the scheduler's triggers, so a schedule must come
 * back exactly as it was stored.
 */
public abstract class ScheduleCatalogContract {
  private static final ZoneId ZONE = ZoneId.of("America/Santiago");

  private ScheduleCatalog catalog;

  /** The catalog under test. Called once before each test. */
  protected abstract ScheduleCatalog scheduleCatalog();

  /** Stores a new schedule of the host with this spec, enabled or not; returns its id. */
  protected abstract UUID createSchedule(ScheduleSpec spec, boolean enabled);

  /** Deletes the host's schedule as the host does (a soft delete is a delete). */
  protected abstract void deleteSchedule(UUID id);

  @BeforeEach
  void setUpScheduleCatalogContract() {
    catalog = scheduleCatalog();
  }

  private List<Schedule> listed(UUID... ids) {
    List<UUID> wanted = List.of(ids);
    return catalog.all().stream().filter(s -> wanted.contains(s.id())).toList();
  }

  @Test
  void everyScheduleIsListedOnceWithItsSpecAsStored() {
    ScheduleSpec daily = ScheduleSpec.daily(LocalTime.of(9, 30), ZONE);
    ScheduleSpec weekly = ScheduleSpec.weekly(DayOfWeek.SUNDAY, LocalTime.of(7, 15), ZONE);
    ScheduleSpec monthly = ScheduleSpec.monthly(28, LocalTime.of(23, 0), ZONE);
    ScheduleSpec cron = ScheduleSpec.cron("0 9 * * 1-5", ZONE);
    UUID a = createSchedule(daily, true);
    UUID b = createSchedule(weekly, true);
    UUID c = createSchedule(monthly, true);
    UUID d = createSchedule(cron, true);

    assertThat(listed(a, b, c, d))
        .containsExactlyInAnyOrder(
            new Schedule(a, daily, true),
            new Schedule(b, weekly, true),
            new Schedule(c, monthly, true),
            new Schedule(d, cron, true));
  }

  @Test
  void aDisabledScheduleIsListedAsDisabled() {
    ScheduleSpec spec = ScheduleSpec.daily(LocalTime.NOON, ZONE);
    UUID id = createSchedule(spec, false);

    assertThat(listed(id)).containsExactly(new Schedule(id, spec, false));
  }

  @Test
  void aDeletedScheduleIsLeftOut() {
    UUID kept = createSchedule(ScheduleSpec.daily(LocalTime.NOON, ZONE), true);
    UUID deleted = createSchedule(ScheduleSpec.daily(LocalTime.NOON, ZONE), true);

    deleteSchedule(deleted);

    assertThat(listed(kept, deleted)).extracting(Schedule::id).containsExactly(kept);
  }
}
