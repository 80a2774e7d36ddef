package dev.reports.engine.testing;

import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleCatalog;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link ScheduleCatalog}: put the schedules the host has, remove deleted ones. */
public final class FakeScheduleCatalog implements ScheduleCatalog {
  private final Map<UUID, Schedule> schedules = new ConcurrentHashMap<>();

  public FakeScheduleCatalog put(Schedule schedule) {
    schedules.put(schedule.id(), schedule);
    return this;
  }

  public void remove(UUID scheduleId) {
    schedules.remove(scheduleId);
  }

  @Override
  public List<Schedule> all() {
    return List.copyOf(schedules.values());
  }
}
