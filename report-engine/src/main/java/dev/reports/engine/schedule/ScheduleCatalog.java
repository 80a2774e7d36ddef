package dev.reports.engine.schedule;

import java.util.List;

/**
 * The host's schedules, as the reconciler compares them with the scheduler's triggers. Optional:
 * without it the engine cannot recreate a trigger that went missing or remove one whose schedule is
 * gone, and only repairs triggers that Quartz put in its error state.
 */
public interface ScheduleCatalog {
  /** Every schedule that exists (enabled or not); deleted ones are left out. */
  List<Schedule> all();
}
